package site

import (
	"bytes"
	"encoding/json"
	"io/fs"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"sync"
	"testing"

	"github.com/gin-gonic/gin"

	"lextraite/corpus"
)

// defFake adds to the synthetic fake three SYNTHETIC documents whose texts
// are lists of lexicon words (not law), so the definition finder takes
// their first provision for a definition; one holds markup to check that
// quotes come back escaped.
func defFake() *fakeSearcher {
	f := newFake()
	mk := func(id, juris, lang, text string) *corpus.Document {
		return &corpus.Document{ID: id, Title: "Document synthétique " + id + " (test)", Kind: corpus.KindLoi,
			Jurisdiction: juris, Language: lang, Authority: corpus.AuthorityOfficiel, Notes: []string{},
			Provisions: []corpus.Provision{
				{ID: id + "/art-1", Anchor: "art-1", Number: "1", Language: lang, Text: text},
				{ID: id + "/art-2", Anchor: "art-2", Number: "2", Language: lang, Text: "Texte synthétique de test."},
			}}
	}
	f.docs = append(f.docs,
		mk("synth-ml", "ml", "fr", "Mots synthétiques : recrutement, transport, consentement <b>x</b> indifférent, mendicité, aux fins d'exploitation."),
		mk("synth-ref", "un", "fr", "Mots synthétiques : recrutement, transport, hébergement, menace, aux fins d'exploitation."),
		mk("synth-sn", "sn", "fr", "Mots synthétiques : recrutement, accueil, aux fins d'exploitation."),
	)
	return f
}

func TestDefinitionRoutes(t *testing.T) {
	h, err := New(defFake(), Config{})
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		url    string
		status int
		want   []string
		not    []string
	}{
		{"/comparer/definitions", 200, []string{
			"<table", "Traite des personnes", "Trafic illicite de migrants", "Recrutement", "présent", "absent",
			`href="/doc/synth-ref#art-1"`, `href="/doc/synth-ml#art-1"`, "« recrutement »",
			"consentement &lt;b&gt;x&lt;/b&gt; indifférent", "aux fins d&#39;exploitation",
			"Au-delà du Protocole", "Exploitation de la mendicité", `href="/api/definitions"`,
			`name="juridiction" value="ml"`,
		}, []string{"<b>x</b>", "Document synthétique synth-code-alpha"}},
		{"/comparer/definitions?juridiction=sn", 200, []string{
			`href="/doc/synth-ref#art-1"`, `href="/doc/synth-sn#art-1"`, `value="sn" checked`,
			`href="/api/definitions?juridiction=sn"`,
		}, []string{`href="/doc/synth-ml#art-1"`, "Exploitation de la mendicité"}},
		{"/comparer/definitions?juridiction=%3Cscript%3E", 400, []string{"ode de juridiction invalide", "&lt;script&gt;"}, []string{"<script>"}},
		{"/api/definitions?juridiction=ML", 200, []string{`"jurisdictions":["ml"]`}, nil}, // a code in capitals is the code
		{"/api/definitions?juridiction=Mali", 400, []string{`"error"`}, nil},
		{"/api/definitions?" + strings.Repeat("juridiction=sn&", 50), 200, []string{`"jurisdictions":["sn"]`}, nil}, // repeats count once
		{"/api/definitions?juridiction=zz", 400, []string{`ucune définition comparée pour la juridiction « zz »`, "juridictions comparées : "}, nil},
		{"/comparer/definitions?juridiction=sn&juridiction=zz", 400, []string{`ucune définition comparée pour la juridiction « zz »`}, nil},
	}
	for _, tt := range tests {
		w := get(t, h, tt.url)
		body := w.Body.String()
		if w.Code != tt.status {
			t.Errorf("%s : statut %d, attendu %d\n%s", tt.url, w.Code, tt.status, body)
			continue
		}
		for _, s := range tt.want {
			if !strings.Contains(body, s) {
				t.Errorf("%s : %q absent\n%s", tt.url, s, body)
			}
		}
		for _, s := range tt.not {
			if strings.Contains(body, s) {
				t.Errorf("%s : %q présent", tt.url, s)
			}
		}
	}
	// The reference column comes first.
	body := get(t, h, "/comparer/definitions").Body.String()
	if i, j := strings.Index(body, `href="/doc/synth-ref#art-1"`), strings.Index(body, `href="/doc/synth-ml#art-1"`); i < 0 || j < 0 || i > j {
		t.Errorf("la colonne de référence (ONU) n'est pas la première")
	}
}

func TestDefinitionAPIShape(t *testing.T) {
	f := defFake()
	h, err := New(f, Config{})
	if err != nil {
		t.Fatal(err)
	}
	w := get(t, h, "/api/definitions?juridiction=ml")
	if w.Code != 200 || !strings.HasPrefix(w.Header().Get("Content-Type"), "application/json") {
		t.Fatalf("statut %d, %s", w.Code, w.Header().Get("Content-Type"))
	}
	// The documented key set, checked on the raw JSON.
	var raw map[string]any
	if err := json.Unmarshal(w.Body.Bytes(), &raw); err != nil {
		t.Fatal(err)
	}
	wantKeys := func(what string, m any, keys ...string) {
		t.Helper()
		obj, ok := m.(map[string]any)
		if !ok {
			t.Fatalf("%s : pas un objet : %v", what, m)
		}
		for _, k := range keys {
			if _, ok := obj[k]; !ok {
				t.Errorf("%s : clé %q manquante", what, k)
			}
		}
	}
	wantKeys("réponse", raw, "jurisdictions", "tables")
	table := raw["tables"].([]any)[0]
	wantKeys("table", table, "kind", "title", "reference", "instruments", "rows")
	inst := table.(map[string]any)["instruments"].([]any)[0]
	wantKeys("instrument", inst, "doc_id", "title", "jurisdiction", "jurisdiction_label", "language", "url",
		"reference", "transcription", "warnings", "provisions")
	wantKeys("disposition", inst.(map[string]any)["provisions"].([]any)[0], "id", "anchor", "number", "label", "url", "confirmed")
	row := table.(map[string]any)["rows"].([]any)[0]
	wantKeys("ligne", row, "element", "group", "group_label", "label", "protocol_ref", "extra", "cells")
	wantKeys("cellule", row.(map[string]any)["cells"].([]any)[0], "present", "quotes")

	var resp definitionsResponse
	if err := json.Unmarshal(w.Body.Bytes(), &resp); err != nil {
		t.Fatal(err)
	}
	if len(resp.Tables) != 2 || resp.Tables[0].Kind != corpus.FamilyTraite || resp.Tables[1].Kind != corpus.FamilyTrafic {
		t.Fatalf("tables : %+v", resp.Tables)
	}
	tr := resp.Tables[0]
	if len(tr.Instruments) != 2 || tr.Instruments[0].DocID != "synth-ref" || !tr.Instruments[0].Reference ||
		tr.Instruments[1].DocID != "synth-ml" {
		t.Fatalf("colonnes : %+v", tr.Instruments)
	}
	quotes := 0
	for _, r := range tr.Rows {
		if len(r.Cells) != len(tr.Instruments) {
			t.Errorf("%s : %d cellules pour %d colonnes", r.Element, len(r.Cells), len(tr.Instruments))
		}
		for ci, c := range r.Cells {
			if c.Present != (len(c.Quotes) > 0) {
				t.Errorf("%s : présent=%v avec %d citations", r.Element, c.Present, len(c.Quotes))
			}
			for _, q := range c.Quotes {
				quotes++
				d, _ := f.Document(tr.Instruments[ci].DocID)
				p, _ := findProvision(d, strings.TrimPrefix(q.ProvisionID, d.ID+"/"))
				if p == nil || p.Text[q.Start:q.End] != q.Text {
					t.Errorf("%s : citation %q ≠ texte source", r.Element, q.Text)
				}
				if q.URL != "/doc/"+d.ID+"#art-1" {
					t.Errorf("%s : lien %q", r.Element, q.URL)
				}
			}
		}
	}
	if quotes == 0 {
		t.Error("aucune citation")
	}
}

// TestDefinitionCache checks the matrix is computed once per set of
// documents, not on every request, and again when the documents change.
func TestDefinitionCache(t *testing.T) {
	f := defFake()
	srv := &server{s: f}
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() { srv.definitionTables() })
	}
	wg.Wait()
	srv.definitionTables()
	if srv.defs.builds != 1 {
		t.Fatalf("matrice calculée %d fois, attendu 1", srv.defs.builds)
	}
	f.docs = f.docs[:len(f.docs)-1] // a new generation without synth-sn
	tables := srv.definitionTables()
	if srv.defs.builds != 2 {
		t.Fatalf("matrice non recalculée après changement des documents (%d)", srv.defs.builds)
	}
	for _, in := range tables[0].Instruments {
		if in.DocID == "synth-sn" {
			t.Error("colonne d'un document retiré")
		}
	}
}

// TestDefinitionPageRenders renders the page template with typed data, as
// TestRenderEveryPage does for the other pages.
func TestDefinitionPageRenders(t *testing.T) {
	f := defFake()
	srv := &server{s: f}
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
	c.Request = httptest.NewRequest(http.MethodGet, "/comparer/definitions", nil)
	for i, p := range []*definitionsPage{
		{basePage: srv.base(c, "Définitions"), Tables: srv.definitionTables()},
		{basePage: srv.base(c, "Définitions"), Tables: filterTables(nil, nil)},
		{basePage: srv.base(c, "Définitions"), Tables: []defTable{{Kind: "traite", Title: "T"}}},
	} {
		var buf bytes.Buffer
		if err := tm.execute(&buf, "definitions", p); err != nil {
			t.Fatalf("[%d] %v", i, err)
		}
		out := buf.String()
		if !strings.HasSuffix(strings.TrimSpace(out), "</html>") || strings.Contains(out, " style=") || strings.Contains(out, "<script>") {
			t.Errorf("[%d] page incomplète ou ressource interdite", i)
		}
	}
}

// TestDefinitionMatrixOnRealCorpus builds the matrix from real texts: the
// French Protocol (Fedlex) and the French Code pénal extract, loaded from
// their folders only (the whole corpus is slow under -race) and given the
// ids and jurisdictions the full load gives them. The Protocol comes first
// and art. 225-4-1 is quoted with a link.
func TestDefinitionMatrixOnRealCorpus(t *testing.T) {
	const root = "../../shared/corpus"
	if _, err := os.Stat(root); err != nil {
		t.Skipf("corpus partagé absent (%s) : test sur le corpus réel ignoré", root)
	}
	load := func(dir, file, id, juris string) *corpus.Document {
		t.Helper()
		sub, err := fs.Sub(corpus.DefaultOverlay(), dir)
		if err != nil {
			t.Fatal(err)
		}
		rep, err := corpus.LoadDir(root+"/"+dir, corpus.Options{Overlays: []fs.FS{sub}})
		if err != nil {
			t.Fatal(err)
		}
		for _, d := range rep.Documents {
			if strings.HasSuffix(d.Source, file) && (d.Language == "fr" || d.Language == "") {
				d.ID, d.Jurisdiction = id, juris
				for i := range d.Provisions {
					d.Provisions[i].ID = id + "/" + d.Provisions[i].Anchor
				}
				return d
			}
		}
		t.Fatalf("%s/%s introuvable", dir, file)
		return nil
	}
	f := newFake()
	f.docs = []*corpus.Document{
		load("national/fr", "code-penal-traite-des-etres-humains", "fr-code-penal-traite-des-etres-humains", "fr"),
		load("international/ch-fedlex-md", "RS-0.311.542-fr.md", "un-protocole-traite-2000-fr", "un"),
	}
	h, err := New(f, Config{})
	if err != nil {
		t.Fatal(err)
	}
	w := get(t, h, "/api/definitions?juridiction=fr")
	var resp definitionsResponse
	if err := json.Unmarshal(w.Body.Bytes(), &resp); err != nil {
		t.Fatal(err)
	}
	tr := resp.Tables[0]
	if len(tr.Instruments) != 2 || tr.Instruments[0].DocID != "un-protocole-traite-2000-fr" ||
		tr.Instruments[1].DocID != "fr-code-penal-traite-des-etres-humains" {
		t.Fatalf("colonnes : %+v", tr.Instruments)
	}
	for _, r := range tr.Rows {
		if r.Element == "extra-begging" {
			c := r.Cells[1]
			if !c.Present || c.Quotes[0].Text != "exploitation de la mendicité" ||
				c.Quotes[0].URL != "/doc/fr-code-penal-traite-des-etres-humains#art-225-4-1" || r.Cells[0].Present {
				t.Errorf("mendicité : %+v", r.Cells)
			}
			return
		}
	}
	t.Error("pas de ligne « mendicité » pour la France")
}

// TestDefinitionColumnsSayTheirLanguage: two versions of one instrument
// in the matrix are told apart by their language.
func TestDefinitionColumnsSayTheirLanguage(t *testing.T) {
	f := wholeCorpus(t)
	h, err := New(f, Config{})
	if err != nil {
		t.Fatal(err)
	}
	body := get(t, h, "/comparer/definitions").Body.String()
	if !strings.Contains(body, " — version anglaise") {
		t.Errorf("no column says it is the English version")
	}
}
