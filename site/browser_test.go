package site

// Real browser tests: Debian's chromium, driven with chromedp, against the
// site serving a small index built from REAL corpus folders. Each test saves
// screenshots under testdata/screenshots/ (ignored by git) and runs axe-core
// on the pages it visits. They skip only when no chromium is installed (and
// when the shared corpus is absent); .ci/run installs chromium and axe-core.
//
// axe-core is looked up, in order: $LEXTRAITE_AXE (the path of axe.min.js),
// $LEXTRAITE_AXE_DIR/node_modules/axe-core/axe.min.js,
// $HOME/.cache/lextraite/node_modules/axe-core/axe.min.js, then
// testdata/node_modules/axe-core/axe.min.js. Without it the accessibility
// checks fail when CI is set and are skipped otherwise.

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"io/fs"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"

	"lextraite/corpus"
	"lextraite/indexer"
)

// browserCorpus is the shared corpus, relative to this package.
const browserCorpus = "../../shared/corpus"

// browserDocs are the documents indexed for the browser tests: a French
// code extract, two extracts of the same code, the trafficking protocol in
// five languages (authentic and not), a code long enough to be split into
// parts (the Benin children's code, ~150 KB: the penal code would take
// four times longer to index under -race) and a court decision.
var browserDocs = []string{
	"fr-code-penal-traite-des-etres-humains",
	"fr-code-penal-reduction-en-esclavage",
	"un-protocole-traite-2000-fr", "un-protocole-traite-2000-en", "un-protocole-traite-2000-nl",
	"un-protocole-traite-2000-de", "un-protocole-traite-2000-it",
	"un-protocole-trafic-migrants-2000-fr",
	"bj-code-enfant-2015",
	"fr-cass-crim-2023-12-13-22-81985",
}

// browserSources are the corpus files and folders holding browserDocs.
var browserSources = []string{
	"national/fr/code-penal-traite-des-etres-humains",
	"national/fr/code-penal-reduction-en-esclavage",
	"international/ch-fedlex-md/RS-0.311.542-fr.md",
	"international/ch-fedlex-md/SR-0.311.542-de.md",
	"international/ch-fedlex-md/SR-0.311.542-it.md",
	"international/ch-fedlex-md/RS-0.311.541-fr.md",
	"international/un-trafficking-in-persons-protocol-2000-en-nl.md",
	"national/bj/code-enfant-2015",
	"decisions/fr/cour-de-cassation-pdf/pourvoi_n_22-81.985_13_12_2023.pdf",
}

// copyPath copies a file or a folder to dst, creating its parents.
func copyPath(src, dst string) error {
	info, err := os.Stat(src)
	if err != nil {
		return err
	}
	if info.IsDir() {
		if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
			return err
		}
		return os.CopyFS(dst, os.DirFS(src))
	}
	if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
		return err
	}
	b, err := os.ReadFile(src)
	if err != nil {
		return err
	}
	return os.WriteFile(dst, b, 0o644)
}

var (
	realOnce sync.Once
	realURL  string
	realErr  error
	realSkip string
	realDir  string
	realSrv  *httptest.Server
	realLive *indexer.Live
	// realBuilt is how long loading and indexing took.
	realBuilt time.Duration
)

// TestMain removes the index built for the browser tests.
func TestMain(m *testing.M) {
	code := m.Run()
	if realSrv != nil {
		realSrv.Close()
	}
	if realLive != nil {
		_ = realLive.Close()
	}
	if realDir != "" {
		_ = os.RemoveAll(realDir)
	}
	os.Exit(code)
}

// realServer serves the site over a small real index, built once per test
// binary from browserDocs.
func realServer(t *testing.T) string {
	t.Helper()
	realOnce.Do(func() {
		start := time.Now()
		defer func() { realBuilt = time.Since(start) }()
		if _, err := os.Stat(browserCorpus); err != nil {
			realSkip = "corpus partagé absent (" + browserCorpus + ") : tests navigateur ignorés"
			return
		}
		// Copy the few source files and folders into a temporary corpus
		// with the same relative paths (the metadata overlay follows them):
		// loading the whole corpus under -race takes half a minute.
		root, err := filepath.EvalSymlinks(browserCorpus)
		if err != nil {
			realErr = err
			return
		}
		realDir, err = os.MkdirTemp("", "lextraite-browser-")
		if err != nil {
			realErr = err
			return
		}
		small := filepath.Join(realDir, "corpus")
		for _, rel := range browserSources {
			if realErr = copyPath(filepath.Join(root, rel), filepath.Join(small, rel)); realErr != nil {
				return
			}
		}
		rep, err := corpus.LoadDir(small, corpus.Options{Overlays: []fs.FS{corpus.DefaultOverlay()}})
		if err != nil {
			realErr = err
			return
		}
		var docs []*corpus.Document
		for _, d := range rep.Documents {
			if slices.Contains(browserDocs, d.ID) {
				docs = append(docs, d)
			}
		}
		if len(docs) != len(browserDocs) {
			var got []string
			for _, d := range docs {
				got = append(got, d.ID)
			}
			realErr = fmt.Errorf("documents du corpus attendus %v, trouvés %v", browserDocs, got)
			return
		}
		idx := filepath.Join(realDir, "index")
		st := indexer.Stats{FilesSeen: len(docs), Skipped: []corpus.Skipped{{Path: "national/xx/scan.pdf",
			Reason: "aucune couche texte (document numérisé) : à océriser", Code: "no-text"}}}
		for _, d := range docs {
			st.Documents++
			st.Provisions += len(d.Provisions)
		}
		if realErr = indexer.Build(context.Background(), idx, docs, st, nil); realErr != nil {
			return
		}
		if realLive, realErr = indexer.OpenLive(idx); realErr != nil {
			return
		}
		h, err := New(realLive, Config{})
		if err != nil {
			realErr = err
			return
		}
		realSrv = httptest.NewServer(h)
		realURL = realSrv.URL
	})
	if realSkip != "" {
		t.Skip(realSkip)
	}
	if realBuilt != 0 {
		t.Logf("index réel construit en %s", realBuilt.Round(time.Millisecond))
	}
	if realErr != nil {
		t.Fatal(realErr)
	}
	return realURL
}

// chromiumPath finds a chromium binary, or "".
func chromiumPath() string {
	if p := os.Getenv("LEXTRAITE_CHROMIUM"); p != "" {
		return p
	}
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome", "/usr/bin/chromium"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	return ""
}

// axePath finds axe.min.js, or "".
func axePath() string {
	cands := []string{os.Getenv("LEXTRAITE_AXE")}
	if d := os.Getenv("LEXTRAITE_AXE_DIR"); d != "" {
		cands = append(cands, filepath.Join(d, "node_modules", "axe-core", "axe.min.js"))
	}
	if h, err := os.UserHomeDir(); err == nil {
		cands = append(cands, filepath.Join(h, ".cache", "lextraite", "node_modules", "axe-core", "axe.min.js"))
	}
	cands = append(cands, filepath.Join("testdata", "node_modules", "axe-core", "axe.min.js"))
	for _, c := range cands {
		if c == "" {
			continue
		}
		if _, err := os.Stat(c); err == nil {
			return c
		}
	}
	return ""
}

// browser is one headless chromium tab on the real server, recording every
// request the pages make.
type browser struct {
	t    *testing.T
	ctx  context.Context
	base string

	mu       sync.Mutex
	requests []string
}

// newBrowser starts chromium (skipping the test when there is none) with
// a fresh profile, on the real server.
func newBrowser(t *testing.T) *browser {
	t.Helper()
	exe := chromiumPath()
	if exe == "" {
		t.Skip("chromium n'est pas installé (apt-get install chromium) : test navigateur ignoré")
	}
	base := realServer(t)
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(exe),
		chromedp.Headless,
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.NoDefaultBrowserCheck,
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-default-apps", true),
		chromedp.Flag("disable-extensions", true),
		chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.Flag("metrics-recording-only", true),
		chromedp.Flag("no-pings", true),
		chromedp.UserDataDir(t.TempDir()),
		chromedp.WindowSize(1280, 900),
	}
	actx, cancelA := chromedp.NewExecAllocator(context.Background(), opts...)
	b := &browser{t: t, base: base}
	ctx, cancel := chromedp.NewContext(actx, chromedp.WithListener(func(ev any) {
		if e, ok := ev.(*network.EventRequestWillBeSent); ok && e.Request != nil {
			b.mu.Lock()
			b.requests = append(b.requests, e.Request.URL)
			b.mu.Unlock()
		}
	}))
	t.Cleanup(func() {
		cancel()
		cancelA()
	})
	if err := chromedp.Do(ctx); err != nil {
		t.Fatalf("démarrage de chromium (%s) : %v", exe, err)
	}
	b.ctx = ctx
	return b
}

// do runs steps with a time limit, failing the test on error.
func (b *browser) do(what string, steps ...chromedp.Action[chromedp.Void]) {
	b.t.Helper()
	ctx, cancel := context.WithTimeout(b.ctx, 20*time.Second)
	defer cancel()
	if err := chromedp.Do(ctx, steps...); err != nil {
		b.t.Fatalf("%s : %v", what, err)
	}
}

// submit runs steps that load a new page and waits for it, failing the
// test unless the page answers 200.
func (b *browser) submit(what string, steps ...chromedp.Action[chromedp.Void]) {
	b.t.Helper()
	ctx, cancel := context.WithTimeout(b.ctx, 20*time.Second)
	defer cancel()
	resp, err := chromedp.RunResponse(ctx, steps...)
	if err != nil {
		b.t.Fatalf("%s : %v", what, err)
	}
	if resp.Status != http.StatusOK {
		b.t.Fatalf("%s : %s → %d", what, resp.URL, resp.Status)
	}
}

// eval evaluates a JavaScript expression into T.
func eval[T any](b *browser, expr string) T {
	b.t.Helper()
	ctx, cancel := context.WithTimeout(b.ctx, 20*time.Second)
	defer cancel()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[T](expr))
	if err != nil {
		b.t.Fatalf("évaluation de %q : %v", expr, err)
	}
	return v
}

// open navigates to a path of the site and waits for sel.
func (b *browser) open(path, sel string) {
	b.t.Helper()
	b.do("ouvrir "+path, chromedp.Navigate(b.base+path), chromedp.WaitVisible(chromedp.CSS(sel)))
}

// location is the current address, without the server's origin.
func (b *browser) location() string {
	b.t.Helper()
	return strings.TrimPrefix(eval[string](b, "location.href"), b.base)
}

// screenshot saves a full-page PNG under testdata/screenshots/.
func (b *browser) screenshot(name string) {
	b.t.Helper()
	ctx, cancel := context.WithTimeout(b.ctx, 20*time.Second)
	defer cancel()
	// A whole long code is too tall to capture cheaply: the viewport then.
	shot := chromedp.FullScreenshot(90)
	if h := eval[int](b, `document.documentElement.scrollHeight`); h > 6000 {
		shot = chromedp.CaptureScreenshot()
	}
	png, err := chromedp.Run(ctx, shot)
	if err != nil {
		b.t.Fatalf("capture %s : %v", name, err)
	}
	dir := filepath.Join("testdata", "screenshots")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		b.t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, name+".png"), png, 0o644); err != nil {
		b.t.Fatal(err)
	}
}

// axeViolation is one rule broken, as axe-core reports it.
type axeViolation struct {
	ID     string `json:"id"`
	Impact string `json:"impact"`
	Help   string `json:"help"`
	Nodes  []struct {
		Target []any `json:"target"`
	} `json:"nodes"`
}

// axe injects axe-core into the current page and fails the test on any
// serious or critical violation (WCAG 2.1 A and AA, and best practices).
func (b *browser) axe(page string) {
	b.t.Helper()
	p := axePath()
	if p == "" {
		msg := "axe-core introuvable (npm install --no-save --prefix ~/.cache/lextraite axe-core, ou LEXTRAITE_AXE=chemin/axe.min.js) : contrôle d'accessibilité de " + page + " non fait"
		if os.Getenv("CI") != "" {
			b.t.Error(msg)
		} else {
			b.t.Log(msg)
		}
		return
	}
	src, err := os.ReadFile(p)
	if err != nil {
		b.t.Fatal(err)
	}
	// Runtime.evaluate is not subject to the page's CSP, so the site's
	// "script-src 'self'" does not block the injection.
	_ = eval[chromedp.Void](b, string(src))
	ctx, cancel := context.WithTimeout(b.ctx, 60*time.Second)
	defer cancel()
	raw, err := chromedp.Run(ctx, chromedp.Evaluate[[]byte](`axe.run(document, {
		runOnly: {type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]},
		resultTypes: ["violations"]
	}).then(r => r.violations)`, chromedp.EvalAwaitPromise))
	if err != nil {
		b.t.Fatalf("axe sur %s : %v", page, err)
	}
	var vs []axeViolation
	if err := json.Unmarshal(raw, &vs); err != nil {
		b.t.Fatalf("axe sur %s : %v", page, err)
	}
	var bad, minor []string
	for _, v := range vs {
		var targets []string
		for i, n := range v.Nodes {
			if i == 3 {
				targets = append(targets, "…")
				break
			}
			targets = append(targets, fmt.Sprint(n.Target...))
		}
		s := fmt.Sprintf("%s [%s] %s (%d nœud(s) : %s)", v.ID, v.Impact, v.Help, len(v.Nodes), strings.Join(targets, ", "))
		if v.Impact == "serious" || v.Impact == "critical" {
			bad = append(bad, s)
		} else {
			minor = append(minor, s)
		}
	}
	b.t.Logf("axe %s : %d violation(s) grave(s) ou critique(s), %d mineure(s) %v", page, len(bad), len(minor), minor)
	for _, s := range bad {
		b.t.Errorf("axe %s : %s", page, s)
	}
}

// checkRequests fails the test if a page asked anything of another origin.
func (b *browser) checkRequests() {
	b.t.Helper()
	b.mu.Lock()
	defer b.mu.Unlock()
	if len(b.requests) == 0 {
		b.t.Error("aucune requête enregistrée")
	}
	for _, u := range b.requests {
		if !strings.HasPrefix(u, b.base+"/") && !strings.HasPrefix(u, "data:") {
			b.t.Errorf("requête externe : %s", u)
		}
	}
}

// targetInView reports the :target element's id and whether its top is
// in the viewport.
func (b *browser) target() (id string, inView bool) {
	b.t.Helper()
	var r struct {
		ID  string  `json:"id"`
		Top float64 `json:"top"`
		H   float64 `json:"h"`
	}
	raw := eval[[]byte](b, `(() => { const t = document.querySelector(":target");
		return t ? {id: t.id, top: t.getBoundingClientRect().top, h: innerHeight} : {id: "", top: -1, h: innerHeight}; })()`)
	if err := json.Unmarshal(raw, &r); err != nil {
		b.t.Fatal(err)
	}
	return r.ID, r.Top >= -2 && r.Top < r.H
}

// TestBrowserSearch: search from the home page, apply and remove a facet,
// open a result and land on the article's anchor.
func TestBrowserSearch(t *testing.T) {
	b := newBrowser(t)
	b.open("/", "#q")
	b.axe("accueil")
	b.do("rechercher",
		chromedp.SendKeys(chromedp.CSS("#q"), "traite des êtres humains"),
		chromedp.Submit(chromedp.CSS("#q")),
		chromedp.WaitVisible(chromedp.CSS(".hit")),
	)
	if loc := b.location(); !strings.HasPrefix(loc, "/recherche?q=traite+des+%C3%AAtres+humains") {
		t.Errorf("adresse de la recherche = %s", loc)
	}
	if n := eval[int](b, `document.querySelectorAll(".group").length`); n < 2 {
		t.Errorf("%d groupes de résultats, au moins 2 attendus", n)
	}
	b.screenshot("recherche")
	b.axe("recherche")

	// Apply a facet: Juridiction France.
	b.do("facette France",
		chromedp.Click(chromedp.CSS(`.facets a[href*="juridiction=fr"]`)),
		chromedp.WaitVisible(chromedp.CSS(".chips")),
	)
	if loc := b.location(); !strings.Contains(loc, "juridiction=fr") {
		t.Errorf("filtre absent de l'adresse : %s", loc)
	}
	chip := eval[string](b, `document.querySelector(".chips").textContent`)
	if !strings.Contains(chip, "Juridiction : France") {
		t.Errorf("pastille = %q", chip)
	}
	metas := eval[[]string](b, `[...document.querySelectorAll(".group .meta")].map(e => e.textContent)`)
	for _, m := range metas {
		if !strings.Contains(m, "France") {
			t.Errorf("résultat hors filtre : %q", m)
		}
	}
	b.screenshot("recherche-filtre")
	// Remove it with the chip.
	b.do("retirer le filtre",
		chromedp.Click(chromedp.CSS(".chips a")),
		chromedp.WaitVisible(chromedp.CSS(".facets")),
	)
	if loc := b.location(); strings.Contains(loc, "juridiction=") {
		t.Errorf("filtre toujours là : %s", loc)
	}
	if n := eval[int](b, `document.querySelectorAll(".chips").length`); n != 0 {
		t.Errorf("pastille toujours là")
	}

	// Open the first provision hit and land on its anchor.
	href := eval[string](b, `document.querySelector(".hit h3 a[href*='#art-']").getAttribute("href")`)
	anchor := href[strings.Index(href, "#")+1:]
	b.do("ouvrir un résultat",
		chromedp.Click(chromedp.CSS(".hit h3 a[href*='#art-']")),
		chromedp.WaitVisible(chromedp.CSS("article.doc")),
	)
	id, inView := b.target()
	if id != anchor || !inView {
		t.Errorf("cible = %q (visible %v), attendu %q", id, inView, anchor)
	}
	b.screenshot("resultat-ouvert")
	b.checkRequests()
}

// TestBrowserDocument: a document page with its table of contents, language
// versions and references; a long code split into parts, where an old
// /doc/{id}#anchor link still reaches the article, with and without
// JavaScript.
func TestBrowserDocument(t *testing.T) {
	b := newBrowser(t)
	b.open("/doc/fr-code-penal-traite-des-etres-humains#art-225-4-1", "#art-225-4-1")
	if id, inView := b.target(); id != "art-225-4-1" || !inView {
		t.Errorf("cible = %q (visible %v)", id, inView)
	}
	ref := eval[string](b, `document.querySelector("#art-225-4-1 .reftext").textContent`)
	if !strings.HasPrefix(ref, "Code pénal (France), art. 225-4-1 [transcription non officielle") {
		t.Errorf("référence = %q", ref)
	}
	b.screenshot("document")
	b.axe("document")

	b.open("/doc/un-protocole-traite-2000-fr", ".versions")
	versions := eval[string](b, `document.querySelector(".versions").textContent`)
	for _, want := range []string{"français", "anglais", "néerlandais", "allemand", "italien", "fait foi", "traduction, ne fait pas foi"} {
		if !strings.Contains(versions, want) {
			t.Errorf("versions linguistiques : %q absent de %q", want, versions)
		}
	}
	b.screenshot("document-versions")
	b.axe("document (versions)")

	// Long code: an article of the last part, reached from an old
	// /doc/{id}#anchor link to the first page (app.js follows the
	// permalink redirect /doc/{id}/{anchor}).
	const long = "/doc/bj-code-enfant-2015"
	b.open(long, ".tocparts")
	lastPart := eval[string](b, `[...document.querySelectorAll(".tocparts a")].pop().getAttribute("href")`)
	b.open(lastPart, "article.prov")
	anchor := eval[string](b, `[...document.querySelectorAll("article.prov")].pop().id`)
	if n := eval[int](b, `document.querySelectorAll("article.prov[data-n] .ref .reftext").length`); n == 0 ||
		n != eval[int](b, `document.querySelectorAll("article.prov[data-n]").length`) {
		t.Errorf("%s : %d références à copier écrites par app.js", lastPart, n)
	}
	b.open("/", "#q") // a real navigation, not a same-page fragment change
	b.open(long+"#"+anchor, "article.doc")
	b.do("suivre la partie", chromedp.WaitVisible(chromedp.CSS("#"+anchor+".prov")))
	loc := b.location()
	if !strings.Contains(loc, "?partie=") || !strings.HasSuffix(loc, "#"+anchor) {
		t.Errorf("adresse après renvoi = %s", loc)
	}
	if id, inView := b.target(); id != anchor || !inView {
		t.Errorf("cible = %q (visible %v), attendu %q", id, inView, anchor)
	}
	size := eval[int](b, `document.documentElement.outerHTML.length`)
	t.Logf("%s : %d octets de HTML", loc, size)
	b.screenshot("document-partie")
	b.axe("document (partie)")
	// The permalink form redirects too.
	b.open(long+"/"+anchor, "#"+anchor+".prov")
	if loc2 := b.location(); loc2 != loc {
		t.Errorf("%s/%s → %s, attendu %s", long, anchor, loc2, loc)
	}

	// Without JavaScript: the old anchor lands on the first part, whose
	// table of contents links every part with its articles; the permalink
	// reaches the article.
	b.do("JavaScript coupé", chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		_, err := chromedp.Call(ctx, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: true})
		return err
	}))
	b.open("/corpus", "table.corpus")
	b.open(long+"#"+anchor, ".tocparts")
	partHref := loc[strings.Index(loc, "/doc/"):strings.Index(loc, "#")]
	if n := eval[int](b, `document.querySelectorAll('.tocparts a[href="`+partHref+`"]').length`); n != 1 {
		t.Errorf("sans JS : la table des matières n'a pas de lien vers %s", partHref)
	}
	if n := eval[int](b, `document.querySelectorAll(".reftext, .copy").length`); n != 1 { // "Pour citer" only
		t.Errorf("sans JS : %d références ou boutons", n)
	}
	b.screenshot("document-renvoi-sans-js")
	b.open(long+"/"+anchor, "#"+anchor+".prov")
	if id, inView := b.target(); id != anchor || !inView {
		t.Errorf("sans JS, lien permanent : cible = %q (visible %v)", id, inView)
	}
	b.checkRequests()
}

// TestBrowserCompareExport: tick two provisions, compare them, keep a
// working set across two documents in the cookie, export it.
func TestBrowserCompareExport(t *testing.T) {
	b := newBrowser(t)
	b.open("/doc/un-protocole-traite-2000-fr", "#art-3")
	b.do("cocher deux articles",
		chromedp.Click(chromedp.CSS(`input[value="un-protocole-traite-2000-fr/art-3"]`)),
		chromedp.Click(chromedp.CSS(`input[value="un-protocole-traite-2000-fr/art-5"]`)),
		chromedp.Click(chromedp.CSS(`.wsbar button[type=submit]:not([formaction])`)),
		chromedp.WaitVisible(chromedp.CSS("table.cmp")),
	)
	if n := eval[int](b, `document.querySelectorAll("table.cmp thead th").length`); n != 2 {
		t.Errorf("%d colonnes comparées, 2 attendues", n)
	}
	b.screenshot("comparer")
	b.axe("comparaison")

	// Working set across documents: add art. 3 of the protocol in French,
	// then art. 225-4-1 of the French code, both kept in the cookie.
	b.open("/doc/un-protocole-traite-2000-en", "#art-3")
	b.do("cocher", chromedp.Click(chromedp.CSS(`input[value="un-protocole-traite-2000-en/art-3"]`)))
	b.submit("ajouter à la sélection", chromedp.Click(chromedp.CSS(`.wsbar button[formaction="/selection"]`)))
	b.open("/doc/fr-code-penal-traite-des-etres-humains", "#art-225-4-1")
	b.do("cocher", chromedp.Click(chromedp.CSS(`input[value="fr-code-penal-traite-des-etres-humains/art-225-4-1"]`)))
	b.submit("ajouter à la sélection", chromedp.Click(chromedp.CSS(`.wsbar button[formaction="/selection"]`)))
	nav := eval[string](b, `document.querySelector(".top nav").textContent`)
	if !strings.Contains(nav, "Ma sélection (2)") {
		t.Errorf("navigation = %q, attendu « Ma sélection (2) »", nav)
	}
	b.open("/selection", "ol.sel")
	b.screenshot("selection")
	b.axe("sélection")
	b.do("comparer la sélection",
		chromedp.Click(chromedp.CSS(`.wsbar button[type=submit]:not([formaction])`)),
		chromedp.WaitVisible(chromedp.CSS("table.cmp")),
	)
	heads := eval[string](b, `document.querySelector("table.cmp thead").textContent`)
	if !strings.Contains(heads, "Code pénal") || !strings.Contains(heads, "Protocol") {
		t.Errorf("colonnes = %q", heads)
	}
	b.screenshot("comparer-selection")

	// Printable export.
	b.do("version imprimable",
		chromedp.Click(chromedp.CSS(`a[href^="/export?format=html"]`)),
		chromedp.WaitVisible(chromedp.CSS(".xitem")),
	)
	text := eval[string](b, `document.body.innerText`)
	for _, want := range []string{"Code pénal (France), art. 225-4-1", "Protocole de Palerme (Nations unies), art. 3, version anglaise", "Lien permanent"} {
		if !strings.Contains(text, want) {
			t.Errorf("export imprimable : %q absent", want)
		}
	}
	if n := eval[int](b, `document.querySelectorAll("header.top, footer").length`); n != 0 {
		t.Errorf("export imprimable avec navigation")
	}
	b.screenshot("export")
	md := eval[string](b, `document.querySelector('a[href^="/export?format=md"]').getAttribute("href")`)
	resp, err := http.Get(b.base + md)
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	for _, want := range []string{"## Art. 225-4-1", "Référence : Code pénal (France), art. 225-4-1", "Lien : </doc/fr-code-penal-traite-des-etres-humains#art-225-4-1>"} {
		if !strings.Contains(string(body), want) {
			t.Errorf("export Markdown : %q absent\n%s", want, body)
		}
	}

	// Empty the selection.
	b.open("/selection", "ol.sel")
	b.submit("vider", chromedp.Click(chromedp.CSS(`button[value="vider"]`)))
	if n := eval[int](b, `document.querySelectorAll("ol.sel").length`); n != 0 {
		t.Error("sélection non vidée")
	}
	b.checkRequests()
}

// TestBrowserCorpusAndSmallScreen: the corpus page, then the search and
// comparison pages at 360 px wide, without horizontal scrolling of the page.
func TestBrowserCorpusAndSmallScreen(t *testing.T) {
	b := newBrowser(t)
	b.open("/corpus", "table.corpus")
	if n := eval[int](b, `document.querySelectorAll("table.corpus tbody tr").length`); n != len(browserDocs) {
		t.Errorf("%d lignes au corpus, %d attendues", n, len(browserDocs))
	}
	b.screenshot("corpus")
	b.axe("corpus")

	b.do("écran de 360 px", chromedp.EmulateViewport(360, 740))
	for _, c := range []struct{ path, sel, name string }{
		{"/recherche?q=exploitation", ".hit", "recherche-360"},
		{"/comparer?p=un-protocole-traite-2000-fr/art-3&p=un-protocole-traite-2000-en/art-3&p=un-protocole-traite-2000-nl/art-3", "table.cmp", "comparer-360"},
		{"/doc/fr-code-penal-traite-des-etres-humains", "article.doc", "document-360"},
	} {
		b.open(c.path, c.sel)
		if w := eval[int](b, `document.documentElement.scrollWidth`); w > 360 {
			t.Errorf("%s : largeur %d px à 360 px", c.path, w)
		}
		b.screenshot(c.name)
	}
	b.axe("recherche à 360 px")
	b.checkRequests()
}

// TestBrowserNoJS: with JavaScript off, search and open a result.
func TestBrowserNoJS(t *testing.T) {
	b := newBrowser(t)
	b.do("JavaScript coupé", chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		_, err := chromedp.Call(ctx, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: true})
		return err
	}))
	b.open("/", "#q")
	b.do("rechercher sans JS",
		chromedp.SendKeys(chromedp.CSS("#q"), "225-4-1"),
		chromedp.Click(chromedp.CSS(".qform button")),
		chromedp.WaitVisible(chromedp.CSS(".hit")),
	)
	first := eval[string](b, `document.querySelector(".hit h3 a").getAttribute("href")`)
	if first != "/doc/fr-code-penal-traite-des-etres-humains#art-225-4-1" {
		t.Errorf("premier résultat = %s", first)
	}
	if n := eval[int](b, `document.querySelectorAll(".copy").length`); n != 0 {
		t.Errorf("boutons Copier sans JS : %d", n)
	}
	b.screenshot("recherche-sans-js")
}

// TestRealPageWeight: on the real index, the search, comparison and export
// pages weigh less than 60 KB with the stylesheet and the script.
func TestRealPageWeight(t *testing.T) {
	base := realServer(t)
	size := func(path string) int {
		resp, err := http.Get(base + path)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		if resp.StatusCode != 200 {
			t.Fatalf("%s: %d", path, resp.StatusCode)
		}
		return len(b)
	}
	assets := size("/static/style.css") + size("/static/app.js")
	four := "p=un-protocole-traite-2000-fr/art-3&p=un-protocole-traite-2000-en/art-3&p=un-protocole-traite-2000-nl/art-3&p=fr-code-penal-traite-des-etres-humains/art-225-4-1"
	for _, path := range []string{"/recherche?q=traite+des+personnes", "/recherche?q=exploitation&page=2",
		"/comparer?" + four, "/export?format=html&" + four} {
		n := size(path) + assets
		t.Logf("%s : %d octets (HTML+CSS+JS)", path, n)
		if n > 60*1024 {
			t.Errorf("%s : %d octets, plus de 60 Ko", path, n)
		}
	}
}
