package indexer

import (
	"testing"

	"lextraite/corpus"
)

// TestCourtFacet: decisions are filtered and counted by their court.
// Synthetic documents, no legal text.
func TestCourtFacet(t *testing.T) {
	mk := func(id, court string) *corpus.Document {
		d := &corpus.Document{ID: id, Title: "Décision synthétique " + id, Kind: corpus.KindDecision,
			Jurisdiction: "zz", Language: "fr", Date: "2020-01-02", Preamble: "Texte synthétique zorglub de test."}
		if court != "" {
			d.Decision = &corpus.Decision{Court: court}
		}
		return d
	}
	_, ix := buildTest(t, []*corpus.Document{mk("synth-a", "Cour synthétique A"), mk("synth-b", "Cour synthétique B"), mk("synth-c", "")})
	resp := doSearch(t, ix, Request{Query: "zorglub", Court: []string{"Cour synthétique B"}})
	if len(resp.Hits) != 1 || resp.Hits[0].DocID != "synth-b" {
		t.Errorf("court filter: %v", hitIDs(resp))
	}
	all := doSearch(t, ix, Request{Query: "zorglub", Facets: true})
	got := map[string]int{}
	for _, fc := range all.Facets["cour"] {
		got[fc.Value] = fc.Count
	}
	if got["Cour synthétique A"] != 1 || got["Cour synthétique B"] != 1 || len(got) != 2 {
		t.Errorf("cour facet = %v", all.Facets["cour"])
	}
}
