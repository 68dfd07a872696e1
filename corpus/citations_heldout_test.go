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
// recall 0.705. After two generic fixes that it revealed — article
// headings « Article 314 : … » are no longer read as citations, and the
// English « above »/« below » make a reference point back like
// « ci-dessus » — the figures are:
//
//	TOTAL    76  23  29      0.768   0.724       1.000
//
// Most false positives overlap a missed labelled citation: they are
// boundary errors (a name cut at the <em> highlight of judilibre extracts,
// « art. 964a, 964b et 964l » without « CO », the Canadian « (1985), ch. 27
// (1er suppl.), art. 126 » reduced to « art. 126 »). Counting an overlap as
// a match would give about 0.94 precision and 0.92 recall. Others: a law
// split from its article (« article 3 du la loi du 19 juillet 1901 »),
// treaties named in unlisted ways, Swiss laws cited by date.
//
// The floors are loose on purpose (below the figures above): the test
// documents the held-out figures, it does not gate changes to the extractor.
func TestCitationsHeldOut(t *testing.T) {
	rep := realCorpus(t)
	Resolve(rep.Documents, DefaultCatalog())
	rv := newResolver(rep.Documents, DefaultCatalog())
	all, expected := scoreCitations(t, rep, rv, "heldout.tsv")
	if expected < 100 {
		t.Errorf("%d citations étiquetées, il en faut au moins 100", expected)
	}
	prec := float64(all.tp) / float64(max(1, all.tp+all.fp))
	rec := float64(all.tp) / float64(max(1, all.tp+all.fn))
	res := float64(all.targetOK) / float64(max(1, all.targetN))
	t.Logf("jeu tenu à l'écart : précision %.3f, rappel %.3f, résolution correcte %.3f", prec, rec, res)
	if prec < 0.65 || rec < 0.65 {
		t.Errorf("précision %.3f (min 0,65), rappel %.3f (min 0,65)", prec, rec)
	}
}
