package corpus

import "testing"

// TestCitationsHeldOut5 scores the extractor and resolver on
// testdata/citations/heldout5.tsv (exact text and form), a fifth set drawn
// with seed 20261204 and labelled by reading by someone who never saw the
// extractor, its tests or its output (see its header).
//
// First run, before anyone looked at its errors (commit 31c645e, after the
// extractor had been tuned on labelled.tsv and heldout 1–4):
//
//	TOTAL   108  14  13      0.885   0.893       0.990
//
// With heldout3 (0.923 / 0.939) and heldout4 (0.894 / 0.894) on their
// first runs, this is the extractor's measure on text it was not tuned
// on: about 0.89–0.92 precision and recall, most errors being where a
// citation ends. The floors are below it: the test records the measure.
func TestCitationsHeldOut5(t *testing.T) {
	rep, rv := resolvedCorpus(t)
	all, expected := scoreCitations(t, rep, rv, "heldout5.tsv")
	if expected < 100 {
		t.Errorf("%d citations étiquetées, il en faut au moins 100", expected)
	}
	prec := float64(all.tp) / float64(max(1, all.tp+all.fp))
	rec := float64(all.tp) / float64(max(1, all.tp+all.fn))
	res := float64(all.targetOK) / float64(max(1, all.targetN))
	t.Logf("heldout5 : précision %.3f, rappel %.3f, résolution correcte %.3f", prec, rec, res)
	if prec < 0.85 || rec < 0.85 {
		t.Errorf("précision %.3f (min 0,85), rappel %.3f (min 0,85)", prec, rec)
	}
}
