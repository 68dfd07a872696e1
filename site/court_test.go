package site

import (
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
