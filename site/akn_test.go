package site

import (
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

// TestAKNExport: /api/doc/{id}?format=akn serves the document as Akoma
// Ntoso XML; an unknown format is a 400 in French.
func TestAKNExport(t *testing.T) {
	h, f := newTestServer(t, Config{})
	id := f.Documents()[0].ID
	rec := get(t, h, "/api/doc/"+id+"?format=akn")
	if rec.Code != 200 || !strings.HasPrefix(rec.Header().Get("Content-Type"), "application/akn+xml") {
		t.Fatalf("status %d, type %q", rec.Code, rec.Header().Get("Content-Type"))
	}
	body := rec.Body.String()
	if !strings.Contains(body, "http://docs.oasis-open.org/legaldocml/ns/akn/3.0") || !strings.Contains(body, "<FRBRWork>") {
		t.Errorf("not Akoma Ntoso: %.300s", body)
	}
	rec = get(t, h, "/api/doc/"+id+"?format=pdf")
	if rec.Code != 400 || !strings.Contains(rec.Body.String(), "akn (Akoma Ntoso)") {
		t.Errorf("format=pdf: %d %s", rec.Code, rec.Body.String())
	}
}

// TestHead: HEAD answers like GET, headers without a body.
func TestHead(t *testing.T) {
	h, _ := newTestServer(t, Config{})
	srv := httptest.NewServer(h)
	defer srv.Close()
	for _, path := range []string{"/", "/healthz", "/corpus"} {
		resp, err := http.Head(srv.URL + path)
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != 200 || len(body) != 0 || resp.Header.Get("Content-Security-Policy") == "" {
			t.Errorf("HEAD %s: %d, %d bytes, CSP %q", path, resp.StatusCode, len(body), resp.Header.Get("Content-Security-Policy"))
		}
	}
}
