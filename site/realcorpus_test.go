package site

// Tests on the WHOLE shared corpus (990 documents): the weight of /corpus
// and the bounded /api/doc of the largest document. The documents are
// loaded once per test binary and served through the fake Searcher: these
// pages read only Documents, Document and Stats, so no bleve index is
// needed (building one of the whole corpus under -race would take minutes).

import (
	"encoding/json"
	"fmt"
	"io/fs"
	"os"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"lextraite/corpus"
	"lextraite/indexer"
)

var (
	wholeOnce sync.Once
	wholeFake *fakeSearcher
	wholeErr  error
)

// wholeCorpus loads every document of the shared corpus, with the shipped
// overlay and without OCR (a scanned PDF is then reported, not read), and
// returns a Searcher over them whose Stats are those of an incremental
// update, as /corpus shows them.
func wholeCorpus(t *testing.T) *fakeSearcher {
	t.Helper()
	if _, err := os.Stat(browserCorpus); err != nil {
		t.Skipf("corpus partagé absent (%s) : test sur le corpus réel ignoré", browserCorpus)
	}
	wholeOnce.Do(func() {
		start := time.Now()
		rep, err := corpus.LoadDir(browserCorpus, corpus.Options{Overlays: []fs.FS{corpus.DefaultOverlay()},
			OCR: corpus.OCRConfig{Disabled: true}})
		if err != nil {
			wholeErr = err
			return
		}
		corpus.Resolve(rep.Documents, corpus.DefaultCatalog()) // as the indexer does: citations get targets
		st := indexer.Stats{FilesSeen: rep.FilesSeen, Documents: len(rep.Documents), Skipped: rep.Skipped,
			BuiltAt: "2026-05-31T09:30:00Z",
			Update:  &indexer.Update{Mode: indexer.ModeIncremental, Added: 394, Changed: 1}}
		for _, d := range rep.Documents {
			st.Provisions += len(d.Provisions)
		}
		wholeFake = &fakeSearcher{docs: rep.Documents, skipped: rep.Skipped, stats: &st}
		t.Logf("corpus réel chargé en %s : %d documents", time.Since(start).Round(time.Millisecond), len(rep.Documents))
	})
	if wholeErr != nil {
		t.Fatal(wholeErr)
	}
	return wholeFake
}

// maxPageBytes is the most HTML one page may weigh on the real corpus.
const maxPageBytes = 60 << 10

var reDocLink = regexp.MustCompile(`<tr><td><a href="/doc/([a-z0-9-]+)">`)

// TestCorpusPageRealCorpus: /corpus on the whole corpus is paginated and
// light, every document is listed exactly once across the pages, the
// skipped files and the incomplete documents are on every page, filters
// work and bad parameters are 400 or a helpful 404, never a 500.
func TestCorpusPageRealCorpus(t *testing.T) {
	f := wholeCorpus(t)
	h, err := New(f, Config{})
	if err != nil {
		t.Fatal(err)
	}
	first := get(t, h, "/corpus")
	if first.Code != 200 {
		t.Fatalf("/corpus : statut %d", first.Code)
	}
	body := first.Body.String()
	for _, want := range []string{
		strconv.Itoa(len(f.docs)) + " documents",
		"Index mis à jour le 31 mai 2026 à 09:30 UTC (incrémental : 394 entrées ajoutées, 1 entrée modifiée).",
		`<a href="/corpus?juridiction=fr#documents">France</a>`,
		`<a href="/corpus?type=d%C3%A9cision#documents">Décision</a>`,
	} {
		if !strings.Contains(body, want) {
			t.Errorf("/corpus : %q absent", want)
		}
	}
	var incomplete []string
	for _, d := range f.docs {
		if len(d.Incomplete) > 0 {
			incomplete = append(incomplete, d.ID)
		}
	}
	if len(incomplete) == 0 || len(f.skipped) == 0 {
		t.Fatalf("le corpus réel devrait avoir des documents incomplets (%d) et des fichiers écartés (%d)",
			len(incomplete), len(f.skipped))
	}

	// Every page: under the weight limit, the skipped and incomplete in
	// full; together, each document once.
	last := (len(f.docs) + corpusPageSize - 1) / corpusPageSize
	seen := map[string]int{}
	for n := 1; n <= last; n++ {
		target := "/corpus?page=" + strconv.Itoa(n)
		w := get(t, h, target)
		if w.Code != 200 {
			t.Fatalf("%s : statut %d", target, w.Code)
		}
		b := w.Body.String()
		t.Logf("%s : %d octets de HTML (%d gzip)", target, len(b), len(get(t, h, target, "Accept-Encoding", "gzip").Body.Bytes()))
		if len(b) > maxPageBytes {
			t.Errorf("%s : %d octets, plus de %d", target, len(b), maxPageBytes)
		}
		for _, s := range f.skipped {
			if !strings.Contains(b, "<code>"+htmlEscapeForTest(s.Path)+"</code>") {
				t.Errorf("%s : fichier écarté %s absent", target, s.Path)
			}
		}
		for _, id := range incomplete {
			if !strings.Contains(b, "(<code>"+id+"</code>) : manque") {
				t.Errorf("%s : document incomplet %s absent", target, id)
			}
		}
		for _, m := range reDocLink.FindAllStringSubmatch(b, -1) {
			seen[m[1]]++
		}
		if n < last && !strings.Contains(b, `rel="next"`) {
			t.Errorf("%s : pas de lien vers la page suivante", target)
		}
	}
	for _, d := range f.docs {
		if seen[d.ID] != 1 {
			t.Errorf("%s listé %d fois sur les %d pages", d.ID, seen[d.ID], last)
		}
	}

	// A filter lists exactly its documents.
	var bj []string
	for _, d := range f.docs {
		if d.Jurisdiction == "bj" && d.Kind == corpus.KindCode {
			bj = append(bj, d.ID)
		}
	}
	w := get(t, h, "/corpus?juridiction=bj&type=code")
	var got []string
	for _, m := range reDocLink.FindAllStringSubmatch(w.Body.String(), -1) {
		got = append(got, m[1])
	}
	slices.Sort(bj)
	slices.Sort(got)
	if w.Code != 200 || len(bj) == 0 || !slices.Equal(got, bj) {
		t.Errorf("juridiction=bj&type=code : statut %d, %v, attendu %v", w.Code, got, bj)
	}
	if !strings.Contains(w.Body.String(), `<option value="bj" selected>`) {
		t.Error("le filtre actif n'est pas sélectionné dans le formulaire")
	}

	for _, c := range []struct {
		target string
		status int
		want   string
	}{
		{"/corpus?page=" + strconv.Itoa(last+1), 404, "Aller à la dernière page"},
		{"/corpus?juridiction=bj&page=2", 404, `href="/corpus?juridiction=bj#documents"`},
		{"/corpus?page=0", 400, "numéro de page invalide"},
		{"/corpus?page=-3", 400, "numéro de page invalide"},
		{"/corpus?page=abc", 400, "numéro de page invalide"},
		{"/corpus?page=99999999999999999999999", 400, "numéro de page invalide"},
		{"/corpus?juridiction=Mali", 400, "attend un code de juridiction"},
		{"/corpus?type=inconnu", 400, "attend un type de texte"},
		{"/corpus?juridiction=fr&juridiction=bj", 400, "un seul filtre"},
		{"/corpus?juridiction=ml", 200, "Aucun document pour ce filtre"},
		{"/corpus?juridiction=&type=", 200, `rel="next"`},
	} {
		w := get(t, h, c.target)
		if w.Code != c.status || !strings.Contains(strings.ToLower(w.Body.String()), strings.ToLower(c.want)) {
			t.Errorf("%s : statut %d (attendu %d), %q présent : %v", c.target, w.Code, c.status, c.want,
				strings.Contains(w.Body.String(), c.want))
		}
	}
}

// largestDocument is the real document with the most provision text.
func largestDocument(f *fakeSearcher) *corpus.Document {
	var big *corpus.Document
	for _, d := range f.docs {
		if big == nil || docTextBytes(d) > docTextBytes(big) {
			big = d
		}
	}
	return big
}

// maxPartJSON bounds one ?partie= response: partBytes of text, plus the
// JSON around it (ids, paths, escapes).
const maxPartJSON = 2 * partBytes

// TestAPIDocRealCorpus: the largest real document (the Canadian Criminal
// Code) is still served whole by default, in the contract's shape and
// gzipped; ?partie=N serves it in bounded parts that together give every
// provision once, in order, and match the HTML page's parts.
func TestAPIDocRealCorpus(t *testing.T) {
	f := wholeCorpus(t)
	h, err := New(f, Config{})
	if err != nil {
		t.Fatal(err)
	}
	d := largestDocument(f)
	t.Logf("plus grand document : %s, %d dispositions, %d octets de texte", d.ID, len(d.Provisions), docTextBytes(d))
	if docTextBytes(d) < 1<<20 {
		t.Fatalf("%s : %d octets, on attendait le plus grand document (plusieurs Mo)", d.ID, docTextBytes(d))
	}

	whole := get(t, h, "/api/doc/"+d.ID)
	var full map[string]any
	if err := json.Unmarshal(whole.Body.Bytes(), &full); err != nil || whole.Code != 200 {
		t.Fatalf("document entier : statut %d, %v", whole.Code, err)
	}
	if got := keys(full); !slices.Equal(got, docKeys) {
		t.Errorf("clés du document entier = %v, attendu %v", got, docKeys)
	}
	if n := len(full["provisions"].([]any)); n != len(d.Provisions) {
		t.Errorf("document entier : %d dispositions, attendu %d", n, len(d.Provisions))
	}
	// a provision that is not an article says what it is; an article has
	// exactly the contract's keys
	kinds := map[string]int{}
	for _, p := range full["provisions"].([]any) {
		pm := p.(map[string]any)
		k, _ := pm["kind"].(string)
		kinds[k]++
		if k == "" && !slices.Equal(keys(pm), provisionKeys) {
			t.Errorf("clés de %v = %v, attendu %v", pm["id"], keys(pm), provisionKeys)
		}
	}
	if d.ID == "ca-code-criminel" && (kinds["formule"] == 0 || kinds["annexe"] == 0 || kinds["connexe"] == 0) {
		t.Errorf("%s : sortes de dispositions %v, attendu des formules, des annexes et des dispositions connexes", d.ID, kinds)
	}
	zipped := get(t, h, "/api/doc/"+d.ID, "Accept-Encoding", "gzip")
	if zipped.Header().Get("Content-Encoding") != "gzip" || gunzip(t, zipped.Body.Bytes()) != whole.Body.String() {
		t.Errorf("document entier non compressé : %v", zipped.Header())
	}
	t.Logf("document entier : %d octets, %d en gzip", whole.Body.Len(), zipped.Body.Len())
	akn := get(t, h, "/api/doc/"+d.ID+"?format=akn", "Accept-Encoding", "gzip")
	if akn.Code != 200 || akn.Header().Get("Content-Encoding") != "gzip" {
		t.Errorf("Akoma Ntoso : statut %d, en-têtes %v", akn.Code, akn.Header())
	}

	var first struct {
		Parts int `json:"parts"`
	}
	if err := json.Unmarshal(get(t, h, "/api/doc/"+d.ID+"?partie=1").Body.Bytes(), &first); err != nil || first.Parts < 2 {
		t.Fatalf("%s : %d partie(s), %v", d.ID, first.Parts, err)
	}
	parts := make([]struct{}, first.Parts)
	var anchors []string
	next := "/api/doc/" + d.ID + "?partie=1"
	for n := 1; next != ""; n++ {
		if n > len(parts) {
			t.Fatalf("plus de %d parties suivies", len(parts))
		}
		w := get(t, h, next, "Accept-Encoding", "gzip")
		raw := w.Body.String() // a part without provisions (preamble only) is too small to compress
		if w.Header().Get("Content-Encoding") == "gzip" {
			raw = gunzip(t, w.Body.Bytes())
		}
		if w.Code != 200 || len(raw) > maxPartJSON && strings.Count(raw, `"anchor":`) > 1 {
			t.Errorf("%s : statut %d, %d octets (au plus %d)", next, w.Code, len(raw), maxPartJSON)
		}
		var pj struct {
			apiDoc
			Part            int    `json:"part"`
			Parts           int    `json:"parts"`
			ProvisionsTotal int    `json:"provisions_total"`
			Next            string `json:"next"`
		}
		if err := json.Unmarshal([]byte(raw), &pj); err != nil {
			t.Fatalf("%s : %v", next, err)
		}
		var m map[string]any
		_ = json.Unmarshal([]byte(raw), &m)
		if got := keys(m); !slices.Equal(got, sorted(append(slices.Clone(docKeys), "part", "parts", "provisions_total", "next")...)) {
			t.Errorf("%s : clés %v", next, got)
		}
		if pj.Part != n || pj.Parts != len(parts) || pj.ProvisionsTotal != len(d.Provisions) || pj.ID != d.ID ||
			len(pj.Provisions) > len(d.Provisions) {
			t.Errorf("%s : partie %d/%d, %d dispositions sur %d", next, pj.Part, pj.Parts, len(pj.Provisions), pj.ProvisionsTotal)
		}
		for _, p := range pj.Provisions {
			anchors = append(anchors, p.Anchor)
		}
		next = pj.Next
	}
	var want []string
	for _, p := range d.Provisions {
		want = append(want, p.Anchor)
	}
	if !slices.Equal(anchors, want) {
		t.Errorf("les parties donnent %d dispositions, le document %d (ou dans un autre ordre)", len(anchors), len(want))
	}
	// The HTML page's JSON link points at the same part.
	if b := get(t, h, "/doc/"+d.ID+"?partie=2").Body.String(); !strings.Contains(b, `href="/api/doc/`+d.ID+`?partie=2"`) {
		t.Error("la partie 2 de la page HTML ne renvoie pas à sa partie JSON")
	}

	for _, c := range []struct {
		target string
		status int
	}{
		{"?partie=0", 400}, {"?partie=x", 400}, {"?partie=", 400},
		{fmt.Sprintf("?partie=%d", len(parts)+1), 404},
		{"?partie=1&format=akn", 400},
		{"?format=pdf", 400},
	} {
		w := get(t, h, "/api/doc/"+d.ID+c.target)
		var e map[string]string
		if w.Code != c.status || json.Unmarshal(w.Body.Bytes(), &e) != nil || e["error"] == "" {
			t.Errorf("%s : statut %d (attendu %d), %s", c.target, w.Code, c.status, w.Body.String())
		}
	}
	if w := get(t, h, "/api/doc/"+d.ID+"?partie=1"); w.Header().Get("Content-Type") != "application/json; charset=utf-8" {
		t.Errorf("Content-Type %q", w.Header().Get("Content-Type"))
	}
}
