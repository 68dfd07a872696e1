package site

import (
	"bytes"
	"compress/gzip"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/gin-gonic/gin"

	"lextraite/corpus"
	"lextraite/indexer"
)

func gzipReader(r io.Reader) (io.Reader, error) { return gzip.NewReader(r) }

// TestRenderEveryPage renders each page template with typed sample data,
// so a template that breaks on some field fails here, not in production.
func TestRenderEveryPage(t *testing.T) {
	f := newFake()
	srv := &server{s: f, log: nil, citations: noCitations{}}
	st, err := loadStatic()
	if err != nil {
		t.Fatal(err)
	}
	srv.static = st
	tm, err := parseTemplates(templateFS, srv.funcs())
	if err != nil {
		t.Fatal(err)
	}
	c, _ := gin.CreateTestContext(httptest.NewRecorder())
	c.Request = httptest.NewRequest(http.MethodGet, "/x?q=y", nil)
	base := func(title string) basePage { return srv.base(c, title) }

	alpha, _ := f.Document("synth-code-alpha")
	pv := srv.provisionViewOf(alpha, &alpha.Provisions[0])
	pv2 := srv.provisionViewOf(alpha, &alpha.Provisions[1])
	rp := &resultsPage{basePage: base("Recherche"), Params: searchParams{Query: "texte", Page: 1, Limit: 10}}
	resp, _ := f.Search(t.Context(), indexer.Request{Query: "texte", Limit: 10})
	srv.fillResults(rp, resp)
	empty := &resultsPage{basePage: base("Recherche"), Params: searchParams{Query: "x", Jurisdiction: []string{"ml"}, Page: 1}}
	srv.fillResults(empty, &indexer.Response{Suggestion: "y"})

	samples := map[string][]any{
		"home":    {&homePage{basePage: base("Accueil"), Documents: 3}},
		"results": {rp, empty, &resultsPage{basePage: base("Recherche")}},
		"doc": {&docPage{basePage: base("Doc"), Doc: alpha, Provisions: []provisionView{pv},
			TOC:      []tocPart{{N: 1, Current: true, Entries: []tocEntry{{Anchor: "art-1", Label: "Art. 1", Section: "Titre I", URL: "#art-1"}}}},
			Warnings: []string{"w"}, Versions: []versionLink{{Lang: "fr", Language: "français", Current: true, Authentic: "fait foi"}, {Lang: "nl", Language: "néerlandais", URL: "/doc/x", Authentic: "traduction"}},
			SplitURL: "/doc/x/", RefPre: "Code (Bénin), art. ", RefPost: " [transcription non officielle]", RefURL: true,
			Part: 1, NParts: 2, NextPart: "/doc/x?partie=2"},
			&docPage{basePage: base("Vide"), Doc: &corpus.Document{ID: "x"}}},
		"corpus": {&corpusPage{basePage: base("Corpus"), Docs: []corpusDoc{{ID: "a", Title: "A", Notes: []string{"n"}}},
			Incomplete: []corpusDoc{{ID: "a", Incomplete: []string{"date", "kind"}}}, Skipped: skippedViews(f.skipped)},
			&corpusPage{basePage: base("Corpus")}},
		"error":       {&errorPage{basePage: base("Erreur"), Status: 400, Message: "m"}, &errorPage{basePage: base("Erreur"), Status: 500}},
		"compare":     {&comparePage{basePage: base("Comparer"), Items: []provisionView{pv, pv2}}},
		"definitions": {&definitionsPage{basePage: base("Définitions"), Tables: buildDefinitionTables(f.Documents())}},
		"selection": {&selectionPage{basePage: base("Sélection"), Items: []provisionView{pv, pv2}, Missing: []string{"x/y"},
			CompareURL: "/comparer?p=a/b&p=c/d"}, &selectionPage{basePage: base("Sélection")}},
		"export": {&exportPage{basePage: basePage{Title: "Export", Bare: true}, Items: []provisionView{pv}}},
	}
	for _, name := range pageNames {
		data, ok := samples[name]
		if !ok {
			t.Errorf("no sample data for page %q", name)
			continue
		}
		for i, d := range data {
			var buf bytes.Buffer
			if err := tm.execute(&buf, name, d); err != nil {
				t.Errorf("%s[%d]: %v", name, i, err)
				continue
			}
			out := buf.String()
			if !strings.HasPrefix(out, "<!DOCTYPE html>") || !strings.Contains(out, `<main id="contenu">`) ||
				!strings.HasSuffix(strings.TrimSpace(out), "</html>") {
				t.Errorf("%s[%d]: incomplete page:\n%s", name, i, out)
			}
			if strings.Contains(out, "<script>") || strings.Contains(out, " style=") || strings.Contains(out, "http://") {
				t.Errorf("%s[%d]: inline script/style or external resource", name, i)
			}
		}
	}
	for name := range samples {
		if _, ok := tm.sets[name]; !ok {
			t.Errorf("sample for unknown page %q", name)
		}
	}
}
