package site

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"slices"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"lextraite/corpus"
	"lextraite/indexer"
)

// newTestServer returns the real router over the synthetic fake.
func newTestServer(t *testing.T, cfg Config) (http.Handler, *fakeSearcher) {
	t.Helper()
	f := newFake()
	h, err := New(f, cfg)
	if err != nil {
		t.Fatal(err)
	}
	return h, f
}

// get runs one request through h.
func get(t *testing.T, h http.Handler, target string, header ...string) *httptest.ResponseRecorder {
	t.Helper()
	req := httptest.NewRequest(http.MethodGet, target, nil)
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	w := httptest.NewRecorder()
	h.ServeHTTP(w, req)
	return w
}

func TestRoutes(t *testing.T) {
	h, _ := newTestServer(t, Config{})
	long := strings.Repeat("é", 501)
	tests := []struct {
		url    string
		status int
		want   []string // substrings of the body
		not    []string // substrings the body must not hold
	}{
		{"/", 200, []string{`<html lang="fr">`, `role="search"`, `<label for="q"`, `<main id="contenu">`, "14 dispositions"}, nil},
		{"/recherche", 200, []string{"Saisissez des mots"}, nil},
		{"/recherche?q=texte", 200, []string{
			"15 résultats, 1 à 10", "Art. premier", "Objet synthétique", "<li>Titre I</li>",
			"<mark>texte</mark>", `href="/doc/synth-code-alpha#art-1"`, "Document synthétique Alpha (test)",
			`<h2>Juridiction</h2>`, "Sénégal", `href="/recherche?juridiction=sn&amp;q=texte"`,
			`href="/recherche?page=2&amp;q=texte"`, `name="p" value="synth-code-alpha/art-1"`,
			`formaction="/export"`, `aria-current="true">pertinence`,
		}, nil},
		{"/recherche?q=texte&page=2", 200, []string{
			"11 à 15", "transcription", "Texte partiel (note synthétique).", "Intitulé synthétique",
			"Synthetic document Gamma (test)", `rel="prev"`}, []string{`rel="next"`}},
		{"/recherche?q=texte&juridiction=sn&tri=date", 200, []string{
			"2 résultats", "Juridiction : Sénégal", `href="/recherche?q=texte&amp;tri=date"`,
			`<input type="hidden" name="juridiction" value="sn">`, `aria-current="true">date`}, nil},
		{"/recherche?q=introuvable&juridiction=ml", 200, []string{
			"Aucun résultat", "Vouliez-vous dire", `href="/recherche?juridiction=ml&amp;q=synth%C3%A9tique"`,
			"retirer tous les filtres", `href="/recherche?q=introuvable"`}, nil},
		{"/recherche?q=texte&page=9", 200, []string{"au-delà des résultats", `href="/recherche?q=texte"`}, nil},
		{"/recherche?q=erreur", 400, []string{"parenthèse fermante manquante", `value="erreur"`, "Demande à corriger"}, nil},
		{"/recherche?q=" + long, 400, []string{"501 caractères", "limite de 500"}, nil},
		{"/recherche?q=x&page=101", 400, []string{"Au-delà de la page 100"}, nil},
		{"/recherche?q=x&page=0", 400, []string{"Numéro de page invalide"}, nil},
		{"/recherche?q=x&page=abc", 400, []string{"Numéro de page invalide"}, nil},
		{"/recherche?q=x&tri=alpha", 400, []string{"Tri inconnu"}, nil},
		{"/recherche?q=x&annee=12", 400, []string{"année à quatre chiffres"}, nil},
		{"/recherche?q=x&type=roman", 400, []string{"type de texte"}, nil},
		{"/recherche?q=panique", 500, []string{"Une erreur interne est survenue"}, []string{"panique synthétique"}},

		{"/doc/synth-code-alpha", 200, []string{
			"<h1>Document synthétique Alpha (test)</h1>", `id="art-1"`, `id="art-12"`, "<details",
			`<a href="#art-1">Art. premier</a>`, "<li class=\"sec\">Titre I › Chapitre 2</li>",
			`<p class="txt">Texte synthétique de test, alinéa un.</p>`,
			`<p class="txt">Texte synthétique de test, alinéa deux.</p>`,
			`data-ref-pre="Alpha synthétique (Mali), art. "`, `data-n="premier"`, "1er janvier 2000", "SYN-1",
			`href="/doc/synth-code-alpha#art-2"`, `name="p" value="synth-code-alpha/art-2"`,
		}, []string{"Attention"}},
		{"/doc/synth-loi-beta", 200, []string{"transcription non officielle", "Texte partiel (note synthétique).",
			`data-ref-pre="Document synthétique Bêta (test) (Sénégal), art. " data-ref-post=" [transcription non officielle`, "Attention"}, nil},
		{"/doc/synth-traite-gamma", 200, []string{`lang="en"`, "Synthetic test text, paragraph one.", "date inconnue"}, nil},
		{"/doc/inconnu", 404, []string{"Page introuvable", "Aucun document « inconnu »"}, nil},
		{"/doc/Synth-Code-Alpha", 400, []string{"Identifiant de document invalide", "voulez-vous dire « synth-code-alpha » ?"}, nil},
		{"/doc/../etc/passwd", 404, []string{"Page introuvable"}, []string{"root:"}},
		{"/doc/..%2Fetc%2Fpasswd", 404, []string{"Page introuvable"}, nil},
		{"/doc/synth-code-alpha%2F..", 400, []string{"Ancre de disposition invalide"}, []string{"root:"}},
		{"/doc/%2E%2E", 400, []string{"Identifiant de document invalide", "chiffres et tirets"}, nil},
		{"/doc/a%00b", 400, []string{"« a\uFFFDb »"}, []string{"\x00"}},
		{"/nulle-part", 404, []string{"Page introuvable", `<html lang="fr">`}, nil},
		{"/corpus/", 301, []string{`href="/corpus"`}, nil},
		{"/recherche/?q=a", 301, []string{`href="/recherche?q=a"`}, nil},
		{"//exemple.test/", 404, nil, nil},
		{"/%2F%2Fexemple.test/", 404, nil, nil},

		{"/corpus", 200, []string{"Document synthétique Alpha (test)", "Synthetic document Gamma (test)",
			"<strong class=\"tr\">transcription</strong>", "Texte partiel (note synthétique).",
			"synthetique/scan.pdf", "à océriser", "PDF numérisé sans texte", "Installer Tesseract", "manque date", "<td>12</td>"}, nil},

		{"/comparer?p=synth-code-alpha/art-1&p=synth-loi-beta/art-1", 200, []string{
			`class="cols cols-2"`, "Objet synthétique", "Intitulé synthétique", "transcription non officielle"},
			[]string{`id="art-1"`}},
		{"/comparer?p=synth-code-alpha/art-1", 400, []string{"Choisissez de 2 à 4 dispositions"}, nil},
		{"/comparer?p=synth-code-alpha/art-1&p=synth-code-alpha/art-2&p=synth-code-alpha/art-3&p=synth-code-alpha/art-4&p=synth-code-alpha/art-5", 400,
			[]string{"Choisissez de 2 à 4"}, nil},
		{"/comparer?p=synth-code-alpha/art-1&p=../../etc", 400, []string{"Identifiant de disposition invalide"}, nil},
		{"/comparer?p=synth-code-alpha/art-1&p=synth-code-alpha/art-99", 404, []string{"Aucune disposition"}, nil},
		{"/export?p=synth-code-alpha/art-1&format=html", 200, []string{"Extraits choisis", "Alpha synthétique (Mali), art. premier", "Lien permanent"},
			[]string{`class="top"`}},
		{"/export?p=synth-code-alpha/art-1&p=synth-loi-beta/art-2&format=md", 200, []string{
			"# Extraits", "## Art. premier — Objet synthétique", "Lien : </doc/synth-code-alpha#art-1>",
			"> - Attention : transcription non officielle"}, nil},
		{"/export?p=synth-code-alpha/art-1&format=pdf", 400, []string{"Format d&#39;export inconnu"}, nil},

		{"/api/search?q=texte", 200, []string{`"total":15`, `"hits":[{`}, nil},
		{"/api/search", 200, []string{`"hits":[]`, `"total":0`}, nil},
		{"/api/search?q=texte&limit=0", 400, []string{`{"error":"Le paramètre limit doit`}, nil},
		{"/api/search?q=texte&limit=101", 400, []string{`"error"`}, nil},
		{"/api/search?q=texte&offset=-1", 400, []string{`"error"`}, nil},
		{"/api/search?q=texte&offset=1001", 400, []string{`"error"`}, nil},
		{"/api/search?q=erreur", 400, []string{`"error":"Requête invalide : parenthèse fermante manquante`}, nil},
		{"/api/search?q=panique", 500, []string{`"error":"Une erreur interne`}, nil},
		{"/api/doc/synth-code-alpha", 200, []string{`"id":"synth-code-alpha"`, `"anchor":"art-12"`}, nil},
		{"/api/doc/inconnu", 404, []string{`"error":"Aucun document`}, nil},
		{"/api/doc/..%2F..%2Fetc", 404, []string{`"error"`}, nil},
		{"/api/provision/synth-code-alpha/art-1", 200, []string{`"cites":[]`, `"cited_by":[]`}, nil},
		{"/api/provision/synth-code-alpha/art-99", 404, []string{`"error"`}, nil},
		{"/api/provision/synth-code-alpha/ART-1", 400, []string{`voulez-vous dire « art-1 »`}, nil},
		{"/api/provision/synth-code-alpha/%00", 400, []string{`lettres minuscules, chiffres et tirets`}, nil},
		{"/api/rien", 404, []string{`{"error":`}, nil},
		{"/healthz", 200, []string{`{"status":"ok","documents":3}`}, nil},
		{"/static/style.css", 200, []string{"@media print"}, nil},
		{"/static/app.js", 200, []string{"clipboard"}, nil},
		{"/static/absent.css", 404, nil, nil},
	}
	for _, tt := range tests {
		t.Run(tt.url, func(t *testing.T) {
			w := get(t, h, tt.url)
			body := w.Body.String()
			if w.Code != tt.status {
				t.Fatalf("status = %d, want %d\n%s", w.Code, tt.status, body)
			}
			for _, s := range tt.want {
				if !strings.Contains(body, s) {
					t.Errorf("body lacks %q\n%s", s, body)
				}
			}
			for _, s := range tt.not {
				if strings.Contains(body, s) {
					t.Errorf("body holds %q", s)
				}
			}
		})
	}
}

func TestSearchRequest(t *testing.T) {
	h, f := newTestServer(t, Config{})
	get(t, h, "/recherche?q=+texte+&juridiction=sn&juridiction=ml&juridiction=sn&type=d%C3%A9cret&annee=2001&langue=fr&page=3&tri=date")
	r := f.lastRequest()
	if r.Query != "texte" || !slices.Equal(r.Jurisdiction, []string{"sn", "ml"}) ||
		!slices.Equal(r.Kind, []string{"décret"}) || !slices.Equal(r.Year, []string{"2001"}) ||
		!slices.Equal(r.Language, []string{"fr"}) || r.Offset != 20 || r.Limit != 10 || r.Sort != "date" {
		t.Errorf("request = %+v", r)
	}
	get(t, h, "/api/search?q=texte&limit=25&page=2")
	if r := f.lastRequest(); r.Offset != 25 || r.Limit != 25 {
		t.Errorf("api page 2: offset %d limit %d, want 25 25", r.Offset, r.Limit)
	}
	get(t, h, "/api/search?q=texte&limit=5&offset=7")
	if r := f.lastRequest(); r.Offset != 7 || r.Limit != 5 {
		t.Errorf("api offset: offset %d limit %d, want 7 5", r.Offset, r.Limit)
	}
}

// injections are echoed inputs that must come back inert.
var injections = []string{`<script>alert(1)</script>`, `"><img src=x onerror=alert(1)>`}

func TestHTMLInjection(t *testing.T) {
	h, _ := newTestServer(t, Config{})
	for _, in := range injections {
		q := urlQueryEscape(in)
		for _, target := range []string{
			"/recherche?q=" + q, // echoed in the title, box, count, snippet
			"/recherche?q=introuvable&juridiction=sn&q=" + q, // first q wins; harmless
			"/recherche?q=" + q + "&annee=" + q,              // echoed in the 400 message
			"/recherche?q=" + q + "&page=" + q,
			"/doc/" + q,
			"/comparer?p=" + q + "&p=x/y",
			"/export?format=" + q + "&p=synth-code-alpha/art-1",
		} {
			w := get(t, h, target)
			body := w.Body.String()
			if strings.Contains(body, "<script>alert") || strings.Contains(body, "<img src=x") ||
				strings.Contains(body, `"><img`) {
				t.Errorf("%s (%d): input echoed unescaped\n%s", target, w.Code, body)
			}
		}
		// The escaped form is what the reader sees.
		w := get(t, h, "/recherche?q="+q)
		if esc := htmlEscapeForTest(in); !strings.Contains(w.Body.String(), esc) {
			t.Errorf("query %q: escaped form %q not found", in, esc)
		}
		for _, target := range []string{"/api/search?q=" + q, "/api/search?q=" + q + "&langue=" + q, "/api/doc/" + q} {
			w := get(t, h, target)
			body := w.Body.String()
			if strings.ContainsAny(body, "<>") {
				t.Errorf("%s: JSON holds raw < or >: %s", target, body)
			}
		}
		w = get(t, h, "/api/search?q="+q)
		var resp struct{ Query string }
		if err := json.Unmarshal(w.Body.Bytes(), &resp); err != nil || resp.Query != in {
			t.Errorf("api query = %q, %v; want %q", resp.Query, err, in)
		}
	}
	// A snippet holding tags other than <mark> is escaped, <mark> kept.
	w := get(t, h, "/recherche?q=piege")
	body := w.Body.String()
	for _, want := range []string{"<mark>piege</mark>", "&lt;script&gt;alert(1)&lt;/script&gt;", `&lt;b onclick="x()"&gt;gras&lt;/b&gt;`, "&amp; fin"} {
		if !strings.Contains(body, want) {
			t.Errorf("snippet: body lacks %q\n%s", want, body)
		}
	}
	if strings.Contains(body, "<script>alert") || strings.Contains(body, "<b ") {
		t.Errorf("snippet tags not escaped:\n%s", body)
	}
}

func urlQueryEscape(s string) string {
	r := strings.NewReplacer("%", "%25", "&", "%26", "+", "%2B", " ", "+", "#", "%23", "\"", "%22", "<", "%3C", ">", "%3E", "=", "%3D", "/", "%2F")
	return r.Replace(s)
}

func htmlEscapeForTest(s string) string {
	return strings.NewReplacer("<", "&lt;", ">", "&gt;", `"`, "&#34;").Replace(s)
}

func TestSanitizeSnippet(t *testing.T) {
	tests := []struct{ in, want string }{
		{"texte <mark>traite</mark> fin", "texte <mark>traite</mark> fin"},
		{"a &amp; b &lt;c&gt; &#39;d&#39; &#x27;", "a &amp; b &lt;c&gt; &#39;d&#39; &#x27;"},
		{"<script>x</script>", "&lt;script&gt;x&lt;/script&gt;"},
		{`<mark onclick="x">a</mark>`, `&lt;mark onclick="x"&gt;a`},
		{"<MARK>a</MARK>", "&lt;MARK&gt;a&lt;/MARK&gt;"},
		{"</mark>a<mark>b", "a<mark>b</mark>"},
		{"<mark><mark>a</mark></mark>", "<mark>a</mark>"},
		{"a & b &bogus; &#; &#xZZ;", "a &amp; b &amp;bogus; &amp;#; &amp;#xZZ;"},
		{"1 < 2 > 0", "1 &lt; 2 &gt; 0"},
		{"", ""},
	}
	for _, tt := range tests {
		if got := string(sanitizeSnippet(tt.in)); got != tt.want {
			t.Errorf("sanitizeSnippet(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func FuzzSanitizeSnippet(f *testing.F) {
	f.Add("texte <mark>a</mark> &amp; <script>")
	f.Add("&#x41;<mark>&#")
	f.Fuzz(func(t *testing.T, s string) {
		out := string(sanitizeSnippet(s))
		rest := strings.NewReplacer("<mark>", "", "</mark>", "").Replace(out)
		if strings.ContainsAny(rest, "<>") {
			t.Fatalf("sanitizeSnippet(%q) = %q keeps a tag", s, out)
		}
		if strings.Count(out, "<mark>") != strings.Count(out, "</mark>") {
			t.Fatalf("sanitizeSnippet(%q) = %q unbalanced", s, out)
		}
	})
}

// keys returns the sorted keys of a JSON object.
func keys(m map[string]any) []string {
	var k []string
	for key := range m {
		k = append(k, key)
	}
	sort.Strings(k)
	return k
}

func sorted(s ...string) []string { sort.Strings(s); return s }

func decodeObject(t *testing.T, h http.Handler, target string) map[string]any {
	t.Helper()
	w := get(t, h, target)
	if w.Code != 200 {
		t.Fatalf("%s: status %d: %s", target, w.Code, w.Body)
	}
	if ct := w.Header().Get("Content-Type"); ct != "application/json; charset=utf-8" {
		t.Errorf("%s: Content-Type %q", target, ct)
	}
	var m map[string]any
	if err := json.Unmarshal(w.Body.Bytes(), &m); err != nil {
		t.Fatalf("%s: %v", target, err)
	}
	return m
}

// The key sets are those of DESIGN.md, Contracts.
var (
	searchKeys    = sorted("query", "total", "took_ms", "hits")
	hitKeys       = sorted("id", "doc_id", "doc_title", "provision", "anchor", "url", "snippet", "score", "jurisdiction", "kind", "language", "date", "source")
	docKeys       = sorted("id", "work_id", "frbr_uri", "title", "short_titles", "kind", "jurisdiction", "language", "date", "number", "source", "authority", "notes", "provisions")
	provisionKeys = sorted("id", "anchor", "number", "heading", "path", "text", "language")
	citationKeys  = sorted("id", "doc_id", "anchor", "label", "kind")
)

func TestAPIShapes(t *testing.T) {
	h, _ := newTestServer(t, Config{Citations: fakeCitations{}})

	m := decodeObject(t, h, "/api/search?q=texte&limit=100")
	if got := keys(m); !slices.Equal(got, searchKeys) {
		t.Errorf("search keys = %v, want %v", got, searchKeys)
	}
	hits := m["hits"].([]any)
	if len(hits) != 15 {
		t.Fatalf("hits = %d, want 15", len(hits))
	}
	for _, hit := range hits {
		if got := keys(hit.(map[string]any)); !slices.Equal(got, hitKeys) {
			t.Fatalf("hit keys = %v, want %v", got, hitKeys)
		}
	}

	for _, id := range []string{"synth-code-alpha", "synth-loi-beta"} {
		m = decodeObject(t, h, "/api/doc/"+id)
		if got := keys(m); !slices.Equal(got, docKeys) {
			t.Errorf("%s: doc keys = %v, want %v", id, got, docKeys)
		}
		for _, k := range []string{"short_titles", "notes", "provisions"} {
			if _, ok := m[k].([]any); !ok {
				t.Errorf("%s: %s = %#v, want a list", id, k, m[k])
			}
		}
		for _, p := range m["provisions"].([]any) {
			pm := p.(map[string]any)
			if got := keys(pm); !slices.Equal(got, provisionKeys) {
				t.Errorf("%s: provision keys = %v, want %v", id, got, provisionKeys)
			}
			if _, ok := pm["path"].([]any); !ok {
				t.Errorf("%s: path = %#v, want a list", id, pm["path"])
			}
		}
	}
	// A document with preamble and incomplete metadata also carries those
	// (omitempty struct tags of corpus.Document), beyond the contract's keys.
	m = decodeObject(t, h, "/api/doc/synth-traite-gamma")
	for _, k := range docKeys {
		if _, ok := m[k]; !ok {
			t.Errorf("gamma: key %s missing", k)
		}
	}
	if _, ok := m["notes"].([]any); !ok {
		t.Errorf("gamma: notes = %#v, want []", m["notes"])
	}
	if _, ok := m["provisions"].([]any); !ok {
		t.Errorf("gamma: provisions = %#v, want []", m["provisions"])
	}

	m = decodeObject(t, h, "/api/provision/synth-loi-beta/art-1")
	want := sorted(append(slices.Clone(provisionKeys), "cites", "cited_by")...)
	if got := keys(m); !slices.Equal(got, want) {
		t.Errorf("provision keys = %v, want %v", got, want)
	}
	if m["id"] != "synth-loi-beta/art-1" {
		t.Errorf("provision id = %v", m["id"])
	}
	cites := m["cites"].([]any)
	if len(cites) != 1 || !slices.Equal(keys(cites[0].(map[string]any)), citationKeys) {
		t.Errorf("cites = %#v, want one of keys %v", cites, citationKeys)
	}
	if cb, ok := m["cited_by"].([]any); !ok || len(cb) != 0 {
		t.Errorf("cited_by = %#v, want []", m["cited_by"])
	}
	if p, ok := m["path"].([]any); !ok || len(p) != 0 {
		t.Errorf("path = %#v, want []", m["path"])
	}

	m = decodeObject(t, h, "/healthz")
	if got := keys(m); !slices.Equal(got, sorted("status", "documents")) {
		t.Errorf("healthz keys = %v", got)
	}
}

func TestSecurityHeaders(t *testing.T) {
	h, _ := newTestServer(t, Config{})
	for _, target := range []string{"/", "/recherche?q=texte", "/doc/inconnu", "/api/search?q=texte", "/corpus/",
		"/static/style.css", "/recherche?q=panique", "/nulle-part", "/healthz"} {
		w := get(t, h, target)
		for k, v := range map[string]string{
			"Content-Security-Policy": contentSecurityPolicy,
			"X-Content-Type-Options":  "nosniff",
			"Referrer-Policy":         "same-origin",
		} {
			if got := w.Header().Get(k); got != v {
				t.Errorf("%s: %s = %q, want %q", target, k, got, v)
			}
		}
	}
	want := "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
	if contentSecurityPolicy != want {
		t.Errorf("CSP = %q", contentSecurityPolicy)
	}
}

func TestStaticETag(t *testing.T) {
	h, _ := newTestServer(t, Config{})
	w := get(t, h, "/static/style.css")
	etag := w.Header().Get("ETag")
	if w.Code != 200 || etag == "" || !strings.HasPrefix(w.Header().Get("Content-Type"), "text/css") {
		t.Fatalf("status %d, ETag %q, type %q", w.Code, etag, w.Header().Get("Content-Type"))
	}
	if cc := w.Header().Get("Cache-Control"); !strings.Contains(cc, "max-age=") {
		t.Errorf("Cache-Control = %q", cc)
	}
	w = get(t, h, "/static/style.css", "If-None-Match", etag)
	if w.Code != http.StatusNotModified || w.Body.Len() != 0 {
		t.Errorf("If-None-Match: status %d, %d bytes; want 304, 0", w.Code, w.Body.Len())
	}
	if w.Header().Get("ETag") != etag {
		t.Errorf("304 ETag = %q", w.Header().Get("ETag"))
	}
	w = get(t, h, "/static/style.css", "If-None-Match", `"0000"`)
	if w.Code != 200 {
		t.Errorf("stale If-None-Match: status %d", w.Code)
	}
	// Versioned address from the page: cached for a year.
	page := get(t, h, "/").Body.String()
	i := strings.Index(page, "/static/style.css?v=")
	if i < 0 {
		t.Fatal("no versioned stylesheet link")
	}
	u := page[i : i+strings.IndexByte(page[i:], '"')]
	w = get(t, h, u)
	if cc := w.Header().Get("Cache-Control"); !strings.Contains(cc, "immutable") {
		t.Errorf("%s: Cache-Control = %q", u, cc)
	}
	// Gzipped: its own ETag, still answering 304.
	w = get(t, h, "/static/style.css", "Accept-Encoding", "gzip")
	if w.Header().Get("Content-Encoding") != "gzip" {
		t.Fatalf("not gzipped")
	}
	if !strings.Contains(gunzip(t, w.Body.Bytes()), "@media print") {
		t.Error("gzipped body wrong")
	}
	w = get(t, h, "/static/style.css", "Accept-Encoding", "gzip", "If-None-Match", w.Header().Get("ETag"))
	if w.Code != http.StatusNotModified {
		t.Errorf("gzip If-None-Match: status %d", w.Code)
	}
}

func TestGzipPages(t *testing.T) {
	h, _ := newTestServer(t, Config{})
	w := get(t, h, "/doc/synth-code-alpha", "Accept-Encoding", "gzip, deflate")
	if w.Header().Get("Content-Encoding") != "gzip" || !strings.Contains(w.Header().Get("Vary"), "Accept-Encoding") {
		t.Fatalf("headers %v", w.Header())
	}
	if !strings.Contains(gunzip(t, w.Body.Bytes()), `id="art-12"`) {
		t.Error("gzipped page wrong")
	}
	w = get(t, h, "/doc/synth-code-alpha", "Accept-Encoding", "gzip;q=0")
	if w.Header().Get("Content-Encoding") != "" {
		t.Error("gzip sent despite q=0")
	}
}

// TestPageWeight keeps pages small for slow links: HTML + CSS + JS.
func TestPageWeight(t *testing.T) {
	h, _ := newTestServer(t, Config{})
	assets := get(t, h, "/static/style.css").Body.Len() + get(t, h, "/static/app.js").Body.Len()
	for _, target := range []string{"/", "/recherche?q=texte", "/doc/synth-code-alpha", "/corpus"} {
		n := get(t, h, target).Body.Len() + assets
		if n > 60*1024 {
			t.Errorf("%s: %d bytes with assets, want < 60 KB", target, n)
		}
	}
}

// capture is a slog handler keeping records, for the request log test.
type capture struct {
	mu   sync.Mutex
	recs []slog.Record
}

func (c *capture) Enabled(context.Context, slog.Level) bool { return true }
func (c *capture) Handle(_ context.Context, r slog.Record) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.recs = append(c.recs, r)
	return nil
}
func (c *capture) WithAttrs([]slog.Attr) slog.Handler { return c }
func (c *capture) WithGroup(string) slog.Handler      { return c }

func (c *capture) levels(status int64) []slog.Level {
	c.mu.Lock()
	defer c.mu.Unlock()
	var out []slog.Level
	for _, r := range c.recs {
		r.Attrs(func(a slog.Attr) bool {
			if a.Key == "status" && a.Value.Int64() == status {
				out = append(out, r.Level)
			}
			return true
		})
	}
	return out
}

func TestRequestLog(t *testing.T) {
	logs := &capture{}
	h, _ := newTestServer(t, Config{Logger: slog.New(logs)})
	get(t, h, "/recherche?q=panique")
	get(t, h, "/recherche?q=erreur")
	get(t, h, "/doc/inconnu")
	get(t, h, "/")
	for status, want := range map[int64]slog.Level{500: slog.LevelError, 400: slog.LevelWarn, 404: slog.LevelInfo, 200: slog.LevelInfo} {
		if got := logs.levels(status); len(got) != 1 || got[0] != want {
			t.Errorf("status %d logged at %v, want [%v]", status, got, want)
		}
	}
	logs.mu.Lock()
	defer logs.mu.Unlock()
	for _, r := range logs.recs {
		r.Attrs(func(a slog.Attr) bool {
			if strings.Contains(a.Value.String(), "q=") {
				t.Errorf("query string logged: %v", a)
			}
			return true
		})
	}
}

func TestNewErrors(t *testing.T) {
	if _, err := New(nil, Config{}); err == nil {
		t.Error("New(nil) succeeded")
	}
	if _, err := New(newFake(), Config{TrustedProxies: []string{"pas-une-adresse"}}); err == nil {
		t.Error("bad trusted proxy accepted")
	}
	if _, err := New(newFake(), Config{TrustedProxies: []string{"10.0.0.0/8"}}); err != nil {
		t.Error(err)
	}
	if _, err := New(newFake(), Config{Dev: true, DevDir: "/nonexistent"}); err == nil {
		t.Error("dev mode with missing templates accepted")
	}
	h, err := New(newFake(), Config{Dev: true, DevDir: "."})
	if err != nil {
		t.Fatal(err)
	}
	if w := get(t, h, "/doc/synth-code-alpha"); w.Code != 200 {
		t.Errorf("dev mode: status %d", w.Code)
	}
}

func TestTrustedProxies(t *testing.T) {
	logs := &capture{}
	h, _ := newTestServer(t, Config{Logger: slog.New(logs)})
	req := httptest.NewRequest(http.MethodGet, "/healthz", nil)
	req.RemoteAddr = "192.0.2.1:1234"
	req.Header.Set("X-Forwarded-For", "198.51.100.7")
	h.ServeHTTP(httptest.NewRecorder(), req)
	logs.mu.Lock()
	defer logs.mu.Unlock()
	found := false
	for _, r := range logs.recs {
		r.Attrs(func(a slog.Attr) bool {
			if a.Key == "client" {
				found = true
				if a.Value.String() != "192.0.2.1" {
					t.Errorf("client = %s, want the peer address (no proxy trusted)", a.Value)
				}
			}
			return true
		})
	}
	if !found {
		t.Error("no client logged")
	}
}

func TestPublicURL(t *testing.T) {
	h, _ := newTestServer(t, Config{PublicURL: "https://exemple.test/"})
	body := get(t, h, "/doc/synth-code-alpha").Body.String()
	for _, want := range []string{`href="https://exemple.test/doc/synth-code-alpha#art-1"`,
		`data-ref-link="1"`,
		`<p class="print-url">https://exemple.test/doc/synth-code-alpha</p>`} {
		if !strings.Contains(body, want) {
			t.Errorf("body lacks %q", want)
		}
	}
	if got := pageReference(body, "art-1"); got != "Alpha synthétique (Mali), art. premier" {
		t.Errorf("reference before the permalink = %q", got)
	}
}

func gunzip(t *testing.T, b []byte) string {
	t.Helper()
	zr, err := gzipReader(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	out, err := io.ReadAll(zr)
	if err != nil {
		t.Fatal(err)
	}
	return string(out)
}

func TestUserMessage(t *testing.T) {
	inner := fmt.Errorf("%w : guillemet non fermé", indexer.ErrBadQuery)
	err := fmt.Errorf("recherche « x » : %w", fmt.Errorf("bleve : %w", inner))
	status, msg := classify(err)
	if status != 400 || msg != "Requête invalide : guillemet non fermé" {
		t.Errorf("classify = %d %q", status, msg)
	}
	if status, msg := classify(errors.New("disque plein")); status != 500 || msg != internalMessage {
		t.Errorf("classify(other) = %d %q", status, msg)
	}
	if status, _ := classify(fmt.Errorf("x : %w", indexer.ErrNoIndex)); status != 503 {
		t.Errorf("ErrNoIndex → %d", status)
	}
}

// TestMethodNotAllowed: a known address asked with another method answers
// 405 with Allow, as JSON under /api/ and as a page elsewhere; an unknown
// address stays 404.
func TestMethodNotAllowed(t *testing.T) {
	h, _ := newTestServer(t, Config{})
	for _, tt := range []struct {
		method, target string
		status         int
		json           bool
	}{
		{http.MethodPost, "/api/search?q=texte", http.StatusMethodNotAllowed, true},
		{http.MethodDelete, "/api/doc/inconnu", http.StatusMethodNotAllowed, true},
		{http.MethodPut, "/recherche?q=texte", http.StatusMethodNotAllowed, false},
		{http.MethodOptions, "/", http.StatusMethodNotAllowed, false},
		{http.MethodPost, "/nulle-part", http.StatusNotFound, false},
	} {
		w := httptest.NewRecorder()
		h.ServeHTTP(w, httptest.NewRequest(tt.method, tt.target, nil))
		if w.Code != tt.status {
			t.Errorf("%s %s: status %d, want %d", tt.method, tt.target, w.Code, tt.status)
			continue
		}
		if tt.status == http.StatusMethodNotAllowed && !strings.Contains(w.Header().Get("Allow"), "GET") {
			t.Errorf("%s %s: Allow %q", tt.method, tt.target, w.Header().Get("Allow"))
		}
		if isJSON := strings.HasPrefix(w.Header().Get("Content-Type"), "application/json"); isJSON != tt.json {
			t.Errorf("%s %s: Content-Type %q", tt.method, tt.target, w.Header().Get("Content-Type"))
		}
		if !strings.Contains(w.Body.String(), "thode non autoris") && tt.status == http.StatusMethodNotAllowed {
			t.Errorf("%s %s: body %.200q", tt.method, tt.target, w.Body.String())
		}
	}
}

// TestSearchSlots: with every search slot taken, another search waits and,
// past its deadline, gets a 503 saying the server is busy; once a slot is
// free, searches run again.
func TestSearchSlots(t *testing.T) {
	f := newFake()
	f.entered, f.hold = make(chan struct{}, 1), make(chan struct{})
	h, err := New(f, Config{MaxSearches: 1, SearchTimeout: 300 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	done := make(chan int)
	go func() { done <- get(t, h, "/api/search?q=attente").Code }()
	<-f.entered // the first search holds the only slot
	w := get(t, h, "/api/search?q=texte")
	if w.Code != http.StatusServiceUnavailable || !strings.Contains(w.Body.String(), "trop de recherches") {
		t.Errorf("busy: %d %s", w.Code, w.Body.String())
	}
	close(f.hold)
	if code := <-done; code != http.StatusOK {
		t.Errorf("held search: %d", code)
	}
	if w := get(t, h, "/api/search?q=texte"); w.Code != http.StatusOK {
		t.Errorf("after release: %d", w.Code)
	}
}

// TestMissingActs: a query naming by number an act the catalog knows but
// the base lacks says so ("n'est pas dans la base"), with the way to add
// it; an act that is not named gets no such note.
func TestMissingActs(t *testing.T) {
	h, _ := newTestServer(t, Config{})
	w := get(t, h, "/recherche?q="+url.QueryEscape("loi n°2012-023 traite"))
	body := w.Body.String()
	if w.Code != 200 || !strings.Contains(body, "2012-023") || !strings.Contains(body, "n'est pas dans la base") || !strings.Contains(body, `href="/corpus#ajouter"`) {
		t.Errorf("status %d, no missing-act note in %.300q", w.Code, body)
	}
	// Every form of act number the citation extractor reads.
	for q, want := range map[string]string{
		"loi 2012-023":                         "2012-023",
		"LOI N°2012-023 DU 12 JUILLET 2012":    "2012-023",
		"ordonnance n° 2010-86":                "2010-86",
		"Ordonnance nº2010‑86 traite":          "2010-86",
		"article 7 de la loi n ° 2005–06":      "2005-06",
		"art. 3 de la loi n°2015-36 du 26 mai": "2015-36",
	} {
		body := get(t, h, "/recherche?q="+url.QueryEscape(q)).Body.String()
		if !strings.Contains(body, "n'est pas dans la base") || !strings.Contains(body, want) {
			t.Errorf("%q: no missing-act note naming %s", q, want)
		}
	}
	if w := get(t, h, "/recherche?q=traite"); strings.Contains(w.Body.String(), "n'est pas dans la base") {
		t.Error("missing-act note without an act in the query")
	}
	if w := get(t, h, "/corpus"); !strings.Contains(w.Body.String(), `id="ajouter"`) {
		t.Error("/corpus has no section on adding one's texts")
	}
}

// TestKindWithoutAccent: type=decision in the URL is the kind décision, as
// "type:decision" is in the query language.
func TestKindWithoutAccent(t *testing.T) {
	h, f := newTestServer(t, Config{})
	if w := get(t, h, "/api/search?q=texte&type=decision&type=DECRET"); w.Code != 200 {
		t.Fatalf("status %d: %s", w.Code, w.Body.String())
	}
	if got := f.lastRequest().Kind; !slices.Equal(got, []string{"décision", "décret"}) {
		t.Errorf("kinds %q", got)
	}
}

// TestCorpusWarnings: files indexed with a warning (an id already taken, a
// sidecar key unknown) are listed on /corpus with what to do.
func TestCorpusWarnings(t *testing.T) {
	f := newFake()
	f.stats = &indexer.Stats{Documents: 1, Warnings: []corpus.Skipped{
		{Path: "mes-textes/loi.txt", Reason: "identifiant « loi-x » déjà pris : ce document reçoit « loi-x-3f9a1c »", Code: "duplicate-id"},
		{Path: "mes-textes/loi.meta.yaml", Reason: "clé inconnue « titel », ignorée : voulez-vous dire « title » ?", Code: "meta"},
	}}
	h, err := New(f, Config{})
	if err != nil {
		t.Fatal(err)
	}
	body := get(t, h, "/corpus").Body.String()
	for _, want := range []string{`id="avertissements"`, "mes-textes/loi.txt", "identifiant déjà pris", "titel", "fichier .meta.yaml à corriger"} {
		if !strings.Contains(body, want) {
			t.Errorf("/corpus lacks %q", want)
		}
	}
}

// TestCodesInCapitals: a jurisdiction or language code typed in capitals
// is the code; a name in mixed case is refused with the expected shape.
func TestCodesInCapitals(t *testing.T) {
	h, _ := newTestServer(t, Config{})
	for url, status := range map[string]int{
		"/api/search?q=synth%C3%A9tique&juridiction=ML": 200,
		"/recherche?q=synth%C3%A9tique&juridiction=SN":  200,
		"/api/search?q=x&langue=FR":                     200,
		"/corpus?juridiction=SN":                        200,
		"/api/search?q=x&juridiction=Mali":              400,
	} {
		if w := get(t, h, url); w.Code != status {
			t.Errorf("%s: %d, want %d: %.200s", url, w.Code, status, w.Body.String())
		}
	}
}

// TestAbsentJurisdiction: a filter on a jurisdiction the base holds no
// text of says so, with those it holds.
func TestAbsentJurisdiction(t *testing.T) {
	h, _ := newTestServer(t, Config{})
	for _, u := range []string{"/recherche?q=synth%C3%A9tique&juridiction=zz", "/recherche?q=synth%C3%A9tique+juridiction:zz"} {
		body := get(t, h, u).Body.String()
		if !strings.Contains(body, "Aucun texte de la juridiction « <strong>zz</strong> » dans la base (juridictions présentes : ") {
			t.Errorf("%s: no note on the absent jurisdiction", u)
		}
	}
	if body := get(t, h, "/recherche?q=synth%C3%A9tique&juridiction=sn").Body.String(); strings.Contains(body, "Aucun texte de la juridiction") {
		t.Error("note for a jurisdiction the base holds")
	}
}
