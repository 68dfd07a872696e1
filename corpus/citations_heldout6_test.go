package corpus

import "testing"

// TestCitationsHeldOut6 scores the extractor and resolver on
// testdata/citations/heldout6.tsv (exact text and form), a sixth set drawn
// with seed 20261205 and labelled by reading by someone who never saw the
// extractor, its tests or its output (see its header).
//
// First run, before anyone looked at its errors (commit 2691855, after the
// extractor had been tuned on labelled.tsv and heldout 1–4; heldout5 had
// been measured, not tuned on):
//
//	TOTAL   117  14  11      0.893   0.914       0.966
//
// Its error classes (and heldout5's) were then fixed generically; the
// next unseen set, heldout7, measured the result.
func TestCitationsHeldOut6(t *testing.T) {
	checkLabelledSet(t, "heldout6.tsv", setFloors{100, 0.95, 0.95, 0.95})
}
