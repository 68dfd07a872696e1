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
// citation ends. Its error classes were then fixed generically (with
// heldout6's) and measured on heldout7: 1.000 / 1.000 / 1.000 since.
func TestCitationsHeldOut5(t *testing.T) {
	checkLabelledSet(t, "heldout5.tsv", setFloors{100, 0.95, 0.95, 0.95})
}
