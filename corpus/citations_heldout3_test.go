package corpus

import "testing"

// TestCitationsHeldOut3 scores the extractor and resolver on
// testdata/citations/heldout3.tsv as TestCitationsLabelled scores
// labelled.tsv (exact text and form). That set was drawn with another seed
// (20261202) from 153 sentences of 72 files in none of the other sets, and
// its 115 citations were labelled by reading by someone who never saw the
// extractor, its tests or its output (see its header).
//
// First run, before anyone looked at its errors (commit 7d0c99b, after the
// extractor had been tuned on labelled.tsv, heldout.tsv and heldout2.tsv):
//
//	TOTAL   108   9   7      0.923   0.939       0.990
//
// Then its error classes were fixed generically (a one-letter point before
// an elided "d’", an instrument's date "de la Constitution du 4 octobre
// 1958", judilibre's glued "lesarticles", a Canadian chapter code cut from
// its statute "C-46, art. 120", EU acts "de la décision 2008/615/JAI", a
// list's bare items after a comma "litige, 480 du code …"), each with
// constructed forms in TestExtractCitationsForms. FROM THAT COMMIT ON THIS
// SET HAS BEEN TUNED ON: it no longer measures an unseen text, and its
// figure is no longer an estimate of the extractor's quality:
//
//	TOTAL   115   1   0      0.991   1.000       1.000
//
// (the resolution of "article 6 de la Convention de des droits de
// l'homme", a typo of the source, came in the next commit: a stuttered
// "de des" in a name is read as "des" when that gives a catalog name).
// The one false positive left is a label disagreement, kept: "aux 1° et
// 2°" of a French code article is a renvoi by issue 3's list of forms
// ("2°"), which heldout3's labeller chose not to count.
//
// The floors are just under that figure, to catch a regression.
func TestCitationsHeldOut3(t *testing.T) {
	checkLabelledSet(t, "heldout3.tsv", setFloors{110, 0.98, 0.98, 0.98})
}
