package corpus

import "testing"

// TestCitationsHeldOut6 scores the extractor and resolver on
// testdata/citations/heldout6.tsv (exact text and form), a sixth set drawn
// with seed 20261205 and labelled by reading by someone who never saw the
// extractor, its tests or its output (see its header).
func TestCitationsHeldOut6(t *testing.T) {
	checkLabelledSet(t, "heldout6.tsv", setFloors{100, 0, 0, 0})
}
