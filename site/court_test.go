package site

import (
	"strings"

	"lextraite/corpus"
	"net/url"
	"testing"
)

// TestCourtFilter: the "cour" parameter (decisions' court facet) is
// validated like the other filters and passed to the indexer.
func TestCourtFilter(t *testing.T) {
	p, err := parseSearchParams(url.Values{"q": {"x"}, "cour": {"Cour d'appel de Chambéry"}}, false)
	if err != nil || len(p.Court) != 1 || p.request().Court[0] != "Cour d'appel de Chambéry" {
		t.Fatalf("params %+v, err %v", p, err)
	}
	if u := p.url(); u != "/recherche?cour=Cour+d%27appel+de+Chamb%C3%A9ry&q=x" {
		t.Errorf("url = %s", u)
	}
	h, _ := newTestServer(t, Config{})
	if rec := get(t, h, "/recherche?q=x&cour=%3Cscript%3E"); rec.Code != 400 {
		t.Errorf("cour=<script>: status %d", rec.Code)
	}
}

// TestCorpusSameNotes: the decisions of one list share their warnings,
// shown once on /corpus ("idem" below).
func TestCorpusSameNotes(t *testing.T) {
	f := newFake()
	notes := []string{"Avertissement synthétique commun."}
	for _, id := range []string{"synth-dec-1", "synth-dec-2"} {
		f.docs = append(f.docs, &corpus.Document{ID: id, Title: "Décision synthétique " + id, Kind: corpus.KindDecision,
			Jurisdiction: "zz", Language: "fr", Notes: notes})
	}
	h, err := New(f, Config{})
	if err != nil {
		t.Fatal(err)
	}
	body := get(t, h, "/corpus").Body.String()
	if strings.Count(body, "Avertissement synthétique commun.") != 1 || strings.Count(body, `class="idem"`) != 1 {
		t.Errorf("shared warnings not shown once")
	}
}
