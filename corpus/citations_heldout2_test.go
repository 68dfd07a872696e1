package corpus

import "testing"

// TestCitationsHeldOut2 scores the extractor and resolver on
// testdata/citations/heldout2.tsv as TestCitationsLabelled scores
// labelled.tsv (exact text and form). That set was drawn with another
// seed (20261201) from 167 sentences of 78 files in none of the other
// sets, and its 113 citations were labelled by reading by someone who
// never saw the extractor, its tests or its output (see its header).
//
// First run, before anyone looked at its errors (commit bb8c0bb, after the
// extractor had been tuned on labelled.tsv and heldout.tsv):
//
//	TOTAL    99  18  14      0.846   0.876       0.969
//
// Then its error classes were fixed generically (Canadian part labels and
// "la Loi", Swiss lists sharing one abbreviation and "ch." parts, "ancien",
// protocols numbered "n° 1 à la Convention", "alinéa 3 du préambule de",
// a list's bare "et 593 du code …", Dutch "tweede lid, onderdeel c", English
// "paragraph 1 a), b) (i) and c)", a glued "(Article 522)" heading), each
// with constructed forms in TestExtractCitationsForms. FROM THAT COMMIT ON
// THIS SET HAS BEEN TUNED ON: it no longer measures an unseen text, and
// its figure is no longer an estimate of the extractor's quality:
//
//	TOTAL   113   0   0      1.000   1.000       1.000
//
// labelled.tsv went from 1.000/1.000 to 0.986/0.982 in the same commit,
// where its rows contradict heldout2.tsv's documented conventions
// ("artikel 6" before ", eerste lid, onder a, van dit Protocol";
// "alinéas 206(1)a)" before "à g)"; "article 1er du Protocole" before
// "additionnel n° 1 à la Convention …").
//
// The floors are just under that figure, to catch a regression.
func TestCitationsHeldOut2(t *testing.T) {
	checkLabelledSet(t, "heldout2.tsv", setFloors{100, 0.98, 0.98, 0.98})
}
