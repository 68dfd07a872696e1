package corpus

import "testing"

// TestCitationsHeldOut scores the citation extractor and resolver on
// testdata/citations/heldout.tsv exactly as TestCitationsLabelled scores
// labelled.tsv (scoreCitations: a citation counts only when its text and
// form match a labelled row exactly). labelled.tsv was labelled while the
// extractor was tuned on it (1.000/1.000); heldout.tsv was drawn afterwards
// with another seed (20261129) from 137 sentences (77 files) that are not in
// labelled.tsv, and its 105 citations were labelled by reading before the
// extractor was run on them (see its header for the drawing and the reading
// conventions).
//
// Held-out figures when the set was drawn (exact text and form; resolution
// over the matched citations whose target is labelled): precision 0.718,
// recall 0.705; after two generic fixes (article headings « Article 314 :
// … », English « above »/« below »): precision 0.768, recall 0.724.
//
// From the commit that added this paragraph the set is NO LONGER HELD OUT:
// the extractor was tuned on its errors (issue 3), by error class rather
// than by example — names crossing the <em> highlight tags of judilibre
// extracts; abbreviations after the article (« art. 49 LPD », « art. 964a,
// 964b et 964l CO »); every item of a Canadian amending-act chain
// (« (1985), ch. 27 (1er suppl.), art. 126, ch. 30 (3e suppl.), art. 2 »);
// a law or a Swiss LF cited by its date after the article, abbreviated
// months, « du la » ; list items after the first (« articles 16 de la
// Déclaration de 1789, 6, § 1er, de la Convention … », « article 1384,
// alinéa 1, devenu 1242, alinéa 1, du code civil »); instruments named by
// their own words in French, English and Dutch (« Convention des
// Nations-Unies de Vienne », « Prot. d’am. du 7 déc. 1953 », « art. 1 van
// de te Parijs op 18 Mei 1904 gesloten Regeling »); catalog names that a
// YAML flow list had split at their commas. The figures are now:
//
//	TOTAL   105   0   0      1.000   1.000       1.000
//
// and labelled.tsv stays at 1.000/1.000 (seven of its rows were brought
// to the reading conventions of heldout.tsv; see its header). An unbiased
// figure needs a new set labelled without looking at the extractor
// (heldout2.tsv, labelled by someone else).
//
// The floors sit just under these figures: a change that loses a
// citation of this set fails the test.
func TestCitationsHeldOut(t *testing.T) {
	checkLabelledSet(t, "heldout.tsv", setFloors{100, 0.98, 0.98, 0.98})
}
