package indexer

import (
	"slices"
	"testing"

	"lextraite/corpus"
)

// TestLinks resolves the citations of real texts (the French trafficking
// section cites 225-4-1 from 225-4-2; the CESEDA cites L622-4 and the
// penal code) and checks both directions through the stored index.
func TestLinks(t *testing.T) {
	docs := testDocs(t)
	for _, d := range docs {
		d.WorkID = d.ID
	}
	docs[0].WorkID = "fr-code-penal" // the catalog's work for the penal code's extracts
	corpus.Resolve(docs, corpus.DefaultCatalog())
	_, ix := buildTest(t, docs)

	src := frCodeID + "/art-225-4-2"
	target := frCodeID + "/art-225-4-1"
	found := false
	for _, l := range ix.Cites(src) {
		if l.ID == target {
			found = true
			if l.DocID != frCodeID || l.Anchor != "art-225-4-1" || l.Kind == "" || l.Label == "" {
				t.Errorf("lien mal formé : %+v", l)
			}
		}
	}
	if !found {
		t.Fatalf("Cites(%s) = %+v, sans %s", src, ix.Cites(src), target)
	}
	back := false
	for _, l := range ix.CitedBy(target) {
		if l.ID == src {
			back = true
			if l.Kind != corpus.KindCode || l.DocID != frCodeID {
				t.Errorf("cité par mal formé : %+v", l)
			}
		}
	}
	if !back {
		t.Errorf("CitedBy(%s) = %+v, sans %s", target, ix.CitedBy(target), src)
	}

	// CESEDA L622-1 cites L. 622-4 (resolved) and nothing unresolved of the
	// penal code; L622-3 is not in this index.
	unresolved := 0
	for _, c := range ix.Citations(true) {
		if c.Target != "" {
			t.Errorf("Citations(true) rend une citation résolue : %+v", c)
		}
		if c.Label == "" {
			t.Errorf("citation non résolue sans libellé : %+v", c)
		}
		unresolved++
	}
	if len(ix.Citations(false)) <= unresolved {
		t.Errorf("toutes les citations non résolues ? %d sur %d", unresolved, len(ix.Citations(false)))
	}
	if got := ix.CitedBy("fr-ceseda-aide-entree-sejour-irreguliers/art-l622-4"); len(got) == 0 {
		t.Errorf("L622-4 n'est cité par rien ; attendu L622-1")
	}
}

// TestLinksOfARangeNameEachArticle: "articles 2 à 4" links each article
// under its own number, not the whole range three times. Synthetic text.
func TestLinksOfARangeNameEachArticle(t *testing.T) {
	d := &corpus.Document{ID: "synth-range", WorkID: "synth-range", Title: "Loi synthétique de test", Kind: corpus.KindLoi,
		Jurisdiction: "zz", Language: "fr", Source: "synthetic"}
	for i, text := range []string{"Texte synthétique : voir les articles 2 à 4 de la présente loi.", "Texte synthétique deux.", "Texte synthétique trois.", "Texte synthétique quatre."} {
		n := string(rune('1' + i))
		d.Provisions = append(d.Provisions, corpus.Provision{ID: "synth-range/art-" + n, Anchor: "art-" + n, Number: n, Path: []string{}, Language: "fr", Text: text})
	}
	docs := []*corpus.Document{d}
	corpus.Resolve(docs, corpus.DefaultCatalog())
	_, ix := buildTest(t, docs)
	var got []string
	for _, l := range ix.Cites("synth-range/art-1") {
		got = append(got, l.ID+" "+l.Label)
	}
	want := []string{
		"synth-range/art-2 Loi synthétique de test, art. 2",
		"synth-range/art-3 Loi synthétique de test, art. 3",
		"synth-range/art-4 Loi synthétique de test, art. 4",
	}
	if !slices.Equal(got, want) {
		t.Errorf("Cites = %q, want %q", got, want)
	}
}
