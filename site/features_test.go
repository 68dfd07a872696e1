package site

import (
	"bytes"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"slices"
	"strings"
	"testing"

	"github.com/yuin/goldmark"

	"lextraite/corpus"
)

// newFakeLong is the fake plus a SYNTHETIC long code (split into parts)
// and a synthetic treaty in three languages, one a translation.
func newFakeLong() *fakeSearcher {
	f := newFake()
	long := &corpus.Document{ID: "synth-code-long", WorkID: "synth-code-long", Title: "Code synthétique long (test)",
		ShortTitles: []string{"Code synthétique"}, Kind: corpus.KindCode, Jurisdiction: "bj", Language: "fr",
		Date: "2018-12-28", Authority: corpus.AuthorityTranscription, Source: "synthetique/long"}
	text := strings.Repeat("Texte synthétique de test. ", 45) // ~1.2 KB
	n := 0
	for livre := 1; livre <= 3; livre++ {
		for i := 0; i < 60; i++ {
			n++
			num := fmt.Sprint(n)
			long.Provisions = append(long.Provisions, corpus.Provision{ID: "synth-code-long/art-" + num,
				Anchor: "art-" + num, Number: num, Path: []string{fmt.Sprintf("Livre %d", livre), fmt.Sprintf("Titre %d", i/20+1)},
				Text: text, Language: "fr"})
		}
	}
	f.docs = append(f.docs, long)
	for _, l := range []string{"fr", "en", "nl"} {
		d := &corpus.Document{ID: "synth-proto-" + l, WorkID: "synth-proto", Title: "Protocole synthétique " + l,
			ShortTitles: []string{"Protocole synthétique"}, Kind: corpus.KindProtocole, Jurisdiction: "un",
			Language: l, Date: "2000-11-15", Authority: corpus.AuthorityOfficiel}
		if l == "nl" {
			d.Notes = []string{"Traduction néerlandaise (non authentique) : elle ne fait pas foi"}
		}
		for i := 1; i <= 3; i++ {
			d.Provisions = append(d.Provisions, corpus.Provision{ID: fmt.Sprintf("%s/art-%d", d.ID, i),
				Anchor: fmt.Sprintf("art-%d", i), Number: fmt.Sprint(i), Text: "Alinéa un " + l + ".\n\nAlinéa deux " + l + ".", Language: l})
		}
		f.docs = append(f.docs, d)
	}
	return f
}

func TestPartition(t *testing.T) {
	f := newFakeLong()
	d, _ := f.Document("synth-code-long")
	parts := partition(d, nil)
	if len(parts) < 2 {
		t.Fatalf("%d part(s), want a split", len(parts))
	}
	next := 0
	for _, p := range parts {
		if p.Start != next || p.End <= p.Start {
			t.Fatalf("parts not contiguous: %+v", parts)
		}
		size := 0
		for i := p.Start; i < p.End; i++ {
			size += provisionWeight(&d.Provisions[i])
		}
		if size > partBytes {
			t.Errorf("part %d: weighs %d > %d", p.N, size, partBytes)
		}
		// Cut between divisions: a part starts a Titre.
		if p.Start > 0 && slicesEqual(d.Provisions[p.Start].Path, d.Provisions[p.Start-1].Path) {
			t.Errorf("part %d cuts inside %v", p.N, d.Provisions[p.Start].Path)
		}
		next = p.End
	}
	if next != len(d.Provisions) {
		t.Errorf("parts end at %d, want %d", next, len(d.Provisions))
	}
	alpha, _ := f.Document("synth-code-alpha")
	if p := partition(alpha, nil); len(p) != 1 || p[0].End != len(alpha.Provisions) {
		t.Errorf("short document split: %+v", p)
	}
}

func slicesEqual(a, b []string) bool { return strings.Join(a, "\x00") == strings.Join(b, "\x00") }

func TestLongDocumentParts(t *testing.T) {
	h, err := New(newFakeLong(), Config{})
	if err != nil {
		t.Fatal(err)
	}
	// Find the part of the last article through the permalink redirect.
	w := get(t, h, "/doc/synth-code-long/art-180")
	loc := w.Header().Get("Location")
	if w.Code != http.StatusFound || !strings.HasPrefix(loc, "/doc/synth-code-long?partie=") || !strings.HasSuffix(loc, "#art-180") {
		t.Fatalf("redirect: %d %q", w.Code, loc)
	}
	part := strings.TrimSuffix(loc, "#art-180")
	body := get(t, h, part).Body.String()
	for _, want := range []string{`id="art-180"`, "Table des matières", `href="/doc/synth-code-long"`, `rel="prev"`,
		`<a href="/doc/synth-code-long/art-180">Lien permanent</a>`} {
		if !strings.Contains(body, want) {
			t.Errorf("%s lacks %q", part, want)
		}
	}
	if strings.Contains(body, `id="art-1"`) || strings.Contains(body, `class="jump"`) {
		t.Errorf("%s holds part 1's article or jump targets", part)
	}
	// Part 1: its articles, a line per part in the TOC, and where app.js
	// sends an old /doc/{id}#art-180 link (the permalink redirect above).
	first := get(t, h, "/doc/synth-code-long").Body.String()
	for _, want := range []string{`<article class="prov" id="art-1" data-n="1">`, `data-split="/doc/synth-code-long/"`,
		`href="` + part + `">Partie`, `rel="next"`} {
		if !strings.Contains(first, want) {
			t.Errorf("part 1 lacks %q", want)
		}
	}
	if strings.Contains(first, `<article class="prov" id="art-180"`) || strings.Contains(first, `#art-180"`) {
		t.Error("part 1 holds art. 180 or a link to it")
	}
	// Search hits link to the part.
	res := get(t, h, "/recherche?q=texte&juridiction=bj").Body.String()
	if !strings.Contains(res, `href="/doc/synth-code-long#art-1"`) && !strings.Contains(res, `href="/doc/synth-code-long?partie=`) {
		t.Errorf("results do not link into the long code")
	}
	for _, tt := range []struct {
		url    string
		status int
	}{
		{"/doc/synth-code-long?partie=0", 400}, {"/doc/synth-code-long?partie=99", 404}, {"/doc/synth-code-long?partie=x", 400},
		{"/doc/synth-code-long/art-999", 404}, {"/doc/synth-code-long/ART-1", 400}, {"/doc/inconnu/art-1", 404},
		{"/doc/synth-code-alpha/art-2", 302},
	} {
		if w := get(t, h, tt.url); w.Code != tt.status {
			t.Errorf("%s: %d, want %d", tt.url, w.Code, tt.status)
		}
	}
	if loc := get(t, h, "/doc/synth-code-alpha/art-2").Header().Get("Location"); loc != "/doc/synth-code-alpha#art-2" {
		t.Errorf("short document redirect = %q", loc)
	}
}

func TestLanguageVersions(t *testing.T) {
	h, err := New(newFakeLong(), Config{Citations: fakeCitations{}})
	if err != nil {
		t.Fatal(err)
	}
	body := get(t, h, "/doc/synth-proto-fr").Body.String()
	for _, want := range []string{"Versions linguistiques", `<strong aria-current="page">français</strong>`,
		`<a href="/doc/synth-proto-en" hreflang="en">anglais</a> — <span class="auth">fait foi</span>`,
		`<a href="/doc/synth-proto-nl" hreflang="nl">néerlandais</a> — <span class="tr">traduction, ne fait pas foi</span>`,
		`href="/comparer?p=synth-proto-fr%2Fart-2&amp;p=synth-proto-en%2Fart-2&amp;p=synth-proto-nl%2Fart-2"`} {
		if !strings.Contains(body, want) {
			t.Errorf("lacks %q", want)
		}
	}
	if got := pageReference(body, "art-2"); got != "Protocole synthétique (Nations unies), art. 2" {
		t.Errorf("reference = %q", got)
	}
	en := get(t, h, "/doc/synth-proto-en").Body.String()
	if !strings.HasPrefix(pageReference(en, "art-2"), "Protocole synthétique (Nations unies), art. 2, version anglaise") {
		t.Error("English reference does not say so")
	}
	nl := get(t, h, "/doc/synth-proto-nl").Body.String()
	if !strings.Contains(nl, "version néerlandaise [traduction sans valeur officielle]") {
		t.Error("Dutch reference lacks its warning")
	}
	// Comparison aligned paragraph by paragraph.
	cmp := get(t, h, "/comparer?p=synth-proto-fr/art-2&p=synth-proto-en/art-2&p=synth-proto-nl/art-2").Body.String()
	for _, want := range []string{`<th scope="row">Alinéa 2</th><td class="txt" lang="fr">Alinéa deux fr.</td><td class="txt" lang="en">Alinéa deux en.</td>`,
		`class="cols cols-3"`} {
		if !strings.Contains(cmp, want) {
			t.Errorf("comparison lacks %q\n%s", want, cmp)
		}
	}
	// Citation panels: laws and decisions apart, with counts.
	beta := get(t, h, "/doc/synth-loi-beta").Body.String()
	for _, want := range []string{"Renvois : cite 1 · cité par 0", "Cite des textes (1)", `<a href="/doc/synth-code-alpha#art-1">Alpha synthétique, art. premier</a>`} {
		if !strings.Contains(beta, want) {
			t.Errorf("citations lack %q", want)
		}
	}
}

func TestReference(t *testing.T) {
	for _, tt := range []struct {
		d    corpus.Document
		num  string
		want string
	}{
		{corpus.Document{Title: "Code pénal — extrait", ShortTitles: []string{"Code pénal (France)", "Code pénal"}, Jurisdiction: "fr", Language: "fr"}, "225-4-1", "Code pénal (France), art. 225-4-1"},
		{corpus.Document{Title: "Loi", ShortTitles: []string{"Code pénal"}, Jurisdiction: "fr", Language: "fr"}, "1", "Code pénal (France), art. 1"},
		{corpus.Document{Title: "Slavery Convention", Jurisdiction: "int", Language: "en"}, "1", "Slavery Convention, art. 1, version anglaise"},
		{corpus.Document{ID: "x", Jurisdiction: "ml"}, "", "x (Mali)"},
	} {
		if got := reference(&tt.d, tt.num); got != tt.want {
			t.Errorf("reference = %q, want %q", got, tt.want)
		}
	}
	d := &corpus.Document{Authority: corpus.AuthorityTranscription, Notes: []string{
		"Version publiée par la Suisse (Fedlex), état au 2025-04-10", "Texte PARTIEL : extraits", "Numérotation changée depuis 2021"}}
	got := strings.Join(shortWarnings(d), " ; ")
	if got != "transcription non officielle ; état au 10 avril 2025 ; texte partiel ; numérotation modifiée depuis" {
		t.Errorf("shortWarnings = %q", got)
	}
	for _, tt := range []struct {
		d    corpus.Document
		want string
	}{
		{corpus.Document{Jurisdiction: "un", Language: "fr"}, "fait foi"},
		{corpus.Document{Jurisdiction: "un", Language: "de"}, "traduction"},
		{corpus.Document{Jurisdiction: "coe", Language: "nl", Notes: []string{"Traduction néerlandaise (non authentique)"}}, "traduction"},
		{corpus.Document{Jurisdiction: "fr", Language: "fr"}, ""},
	} {
		if got := authenticity(&tt.d); got != tt.want {
			t.Errorf("authenticity(%s/%s) = %q, want %q", tt.d.Jurisdiction, tt.d.Language, got, tt.want)
		}
	}
}

// post sends a form to h, as a same-origin browser would.
func post(t *testing.T, h http.Handler, target string, form url.Values, cookie string, header ...string) *httptest.ResponseRecorder {
	t.Helper()
	req := httptest.NewRequest(http.MethodPost, target, strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Sec-Fetch-Site", "same-origin")
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	if cookie != "" {
		req.Header.Set("Cookie", cookie)
	}
	w := httptest.NewRecorder()
	h.ServeHTTP(w, req)
	return w
}

// cookieOf is the selection cookie a response sets, as a Cookie header.
func cookieOf(t *testing.T, w *httptest.ResponseRecorder) string {
	t.Helper()
	for _, c := range w.Result().Cookies() {
		if c.Name == selectionCookie {
			return c.Name + "=" + c.Value
		}
	}
	t.Fatalf("no selection cookie: %v", w.Header())
	return ""
}

func TestSelection(t *testing.T) {
	h, _ := newTestServer(t, Config{})
	w := post(t, h, "/selection", url.Values{"p": {"synth-code-alpha/art-1", "synth-loi-beta/art-2"}, "retour": {"/doc/synth-code-alpha"}}, "")
	if w.Code != http.StatusSeeOther || w.Header().Get("Location") != "/doc/synth-code-alpha" {
		t.Fatalf("add: %d %v", w.Code, w.Header())
	}
	ck := cookieOf(t, w)
	// Another document, another POST: the set grows, without duplicates.
	w = post(t, h, "/selection", url.Values{"p": {"synth-loi-beta/art-1", "synth-code-alpha/art-1"}, "retour": {"//evil.example/"}}, ck)
	if loc := w.Header().Get("Location"); loc != "/selection" {
		t.Errorf("unsafe retour followed: %q", loc)
	}
	ck = cookieOf(t, w)
	req := httptest.NewRequest(http.MethodGet, "/selection", nil)
	req.Header.Set("Cookie", ck)
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	body := rec.Body.String()
	for _, want := range []string{"Ma sélection (3)", "3 disposition(s)", `value="synth-code-alpha/art-1" id="s-synth-code-alpha/art-1" checked`,
		"Alpha synthétique (Mali), art. premier", `value="synth-loi-beta/art-1"`, `name="retirer" value="synth-loi-beta/art-2"`} {
		if !strings.Contains(body, want) {
			t.Errorf("selection page lacks %q\n%s", want, body)
		}
	}
	// Remove one, then empty.
	w = post(t, h, "/selection", url.Values{"p": {"synth-code-alpha/art-1"}, "retirer": {"synth-loi-beta/art-2"}}, ck)
	ck = cookieOf(t, w)
	if got := selectionIDs(&http.Request{Header: http.Header{"Cookie": {ck}}}); strings.Join(got, " ") != "synth-code-alpha/art-1 synth-loi-beta/art-1" {
		t.Errorf("after removal: %v", got)
	}
	w = post(t, h, "/selection", url.Values{"action": {"vider"}}, ck)
	if c := w.Result().Cookies(); len(c) != 1 || c[0].MaxAge >= 0 {
		t.Errorf("emptying did not delete the cookie: %v", c)
	}
	// Refused: cross-site, bad id, nothing ticked; a forged cookie is ignored.
	if w := post(t, h, "/selection", url.Values{"p": {"synth-code-alpha/art-1"}}, "", "Sec-Fetch-Site", "cross-site"); w.Code != 400 {
		t.Errorf("cross-site POST: %d", w.Code)
	}
	if w := post(t, h, "/selection", url.Values{"p": {"../etc"}}, ""); w.Code != 400 {
		t.Errorf("bad id: %d", w.Code)
	}
	if w := post(t, h, "/selection", url.Values{}, ""); w.Code != 400 || !strings.Contains(w.Body.String(), "Cochez d&#39;abord") {
		t.Errorf("nothing ticked: %d", w.Code)
	}
	req = httptest.NewRequest(http.MethodGet, "/selection", nil)
	req.Header.Set("Cookie", selectionCookie+"="+url.QueryEscape("<script>x</script> a/b ../x"))
	rec = httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	if strings.Contains(rec.Body.String(), "<script>x") {
		t.Error("forged cookie echoed")
	}
	if get(t, h, "/selection").Code != 200 {
		t.Error("empty selection page")
	}
}

// TestPageWeightWorkset: compare, export and selection pages stay small.
func TestPageWeightWorkset(t *testing.T) {
	h, _ := newTestServer(t, Config{})
	assets := get(t, h, "/static/style.css").Body.Len() + get(t, h, "/static/app.js").Body.Len()
	four := "p=synth-code-alpha/art-1&p=synth-code-alpha/art-2&p=synth-loi-beta/art-1&p=synth-loi-beta/art-2"
	for _, target := range []string{"/comparer?" + four, "/export?format=html&" + four, "/selection", "/recherche?q=texte"} {
		n := get(t, h, target).Body.Len() + assets
		t.Logf("%s: %d octets HTML+CSS+JS", target, n)
		if n > 60*1024 {
			t.Errorf("%s: %d bytes with assets, want < 60 KB", target, n)
		}
	}
}

// TestAnnexLabels: annexes and forms (no number) are named by their heading,
// in lists and references, never "Document" or "art. ".
func TestAnnexLabels(t *testing.T) {
	d := &corpus.Document{ID: "synthetique", Title: "Code synthétique", Jurisdiction: "ca", Language: "fr"}
	form := &corpus.Provision{Anchor: "formule-5", Kind: corpus.ProvisionFormule, Heading: "FORMULE 5 Mandat de perquisition"}
	annex := &corpus.Provision{Anchor: "annexe-partie-xxii-1", Kind: corpus.ProvisionAnnexe, Heading: "ANNEXE DE LA PARTIE XXII.1 Infractions pouvant faire l’objet d’un accord de réparation"}
	art := &corpus.Provision{Anchor: "art-849", Number: "849", Heading: "Formules"}
	for _, tt := range []struct{ got, want string }{
		{provisionLabel(form), "FORMULE 5 Mandat de perquisition"},
		{provisionHeading(form), ""},
		{provisionLabel(art), "Art. 849"},
		{provisionHeading(art), "Formules"},
		{rangeLabel(art, form), "art. 849 à FORMULE 5"},
		{rangeLabel(annex, form), "ANNEXE DE LA PARTIE XXII.1 à FORMULE 5"},
		{annexDesignation("ANNEXE [de la partie XXV]"), "ANNEXE"},
		{annexDesignation("Bijlage van het Protocol"), "Bijlage"},
		{referenceTo(d, form), "Code synthétique (Canada), FORMULE 5 Mandat de perquisition"},
		{referenceTo(d, art), "Code synthétique (Canada), art. 849"},
		{provisionLabel(&corpus.Provision{Anchor: "passage-3", Kind: corpus.ProvisionPassage, Heading: "Passage 3"}), "Passage 3"},
	} {
		if tt.got != tt.want {
			t.Errorf("got %q, want %q", tt.got, tt.want)
		}
	}
}

// TestShortWarningsWords: "partial text" comes from the words of a note,
// not from letters inside another word.
func TestShortWarningsWords(t *testing.T) {
	for note, want := range map[string]bool{
		"Extrait du Code pénal":                               true,
		"Texte partiel : articles 1 à 10":                     true,
		"Texte entièrement synthétique pour tester lextraite": false,
		"Copie extraite du Journal officiel, texte intégral":  false,
		"Reproduit partiellement (les annexes manquent)":      true,
	} {
		d := &corpus.Document{Authority: corpus.AuthorityTranscription, Notes: []string{note}}
		if got := slices.Contains(shortWarnings(d), "texte partiel"); got != want {
			t.Errorf("%q: texte partiel %v, want %v", note, got, want)
		}
	}
}

// TestMarkdownExportEscapes: exported Markdown renders as the text reads:
// no list renumbering, no emphasis, no tag. Synthetic text.
func TestMarkdownExportEscapes(t *testing.T) {
	md := markdownExport([]provisionView{{
		Label: "Art. 1", DocTitle: "Document *synthétique*",
		Paragraphs: []string{"3. Texte synthétique *important* [lien] <b>x</b> a_b", "- a) point synthétique", "# pas un titre"},
	}}, "")
	var html bytes.Buffer
	if err := goldmark.Convert([]byte(md), &html); err != nil {
		t.Fatal(err)
	}
	h := html.String()
	for _, bad := range []string{"<ol", "<ul", "<em>important", "<b>", "<h1>pas un titre", "<a "} {
		if strings.Contains(h, bad) {
			t.Errorf("rendered export contains %q:\n%s\n%s", bad, md, h)
		}
	}
	for _, want := range []string{"3. Texte synthétique *important* [lien] &lt;b&gt;x&lt;/b&gt; a_b", "- a) point synthétique", "# pas un titre", "Document *synthétique*"} {
		if !strings.Contains(h, want) {
			t.Errorf("rendered export lacks %q:\n%s", want, h)
		}
	}
}
