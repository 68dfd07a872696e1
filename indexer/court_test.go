package indexer

import (
	"context"
	"errors"
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

// TestReadStats: the current generation's Stats are read from stats.json,
// without opening the index.
func TestReadStats(t *testing.T) {
	docs := []*corpus.Document{{ID: "synth-a", Title: "Texte synthétique", Kind: corpus.KindAutre,
		Jurisdiction: "zz", Language: "fr", Preamble: "Texte synthétique de test."}}
	dir := t.TempDir()
	if _, err := ReadStats(dir); !errors.Is(err, ErrNoIndex) {
		t.Errorf("empty dir: %v", err)
	}
	if err := Build(context.Background(), dir, docs, Stats{FilesSeen: 3, Fingerprint: "f1"}, nil); err != nil {
		t.Fatal(err)
	}
	st, err := ReadStats(dir)
	if err != nil || st.FilesSeen != 3 || st.Fingerprint != "f1" || st.Documents != 1 {
		t.Errorf("ReadStats = %+v, %v", st, err)
	}
}
