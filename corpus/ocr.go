package corpus

// Optical character recognition of scanned PDF pages.
//
// Pages without a text layer are rendered to grayscale images with poppler's
// pdftoppm (or Ghostscript when poppler is missing) and recognised with the
// Tesseract command-line program, French and English models, several pages
// at once. Tesseract's TSV output gives each word with its block, paragraph
// and line, and its confidence; the text is rebuilt from it, then cleaned
// (ocrClean: apostrophes, guillemets, article headings misread) and words
// hyphenated at line ends are rejoined as for the text layer.
//
// What Tesseract recognised is cached by the SHA-256 of the file's content
// (before cleaning, so that a better cleaning needs no new recognition):
// re-indexing never recognises the same file twice.

import (
	"bufio"
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode"
	"unicode/utf8"
)

// OCRNote is the warning shown with text that comes from OCR.
const OCRNote = "texte issu d'une reconnaissance optique : vérifier sur l'original"

// OCRInstall is the command that installs what OCR needs on Debian.
const OCRInstall = "apt-get install tesseract-ocr tesseract-ocr-fra tesseract-ocr-eng poppler-utils"

// ocrCacheVersion changes when the cached recognition would differ.
const ocrCacheVersion = 1

// ocrPageTimeout bounds the rendering and recognition of one page.
const ocrPageTimeout = 10 * time.Minute

// OCRConfig says how scanned pages are recognised. The zero value is ready
// to use: the defaults are in each field's comment.
type OCRConfig struct {
	// Disabled turns recognition off: pages without text are reported
	// (ErrNoText) as when Tesseract is missing.
	Disabled bool
	// CacheDir holds what was recognised, by file content hash; "" is
	// os.UserCacheDir()/lextraite/ocr, "-" turns the cache off.
	CacheDir string
	// Languages are Tesseract's models, "+"-separated; "" is "fra+eng".
	Languages string
	// DPI is the resolution pages are rendered at; 0 is 300.
	DPI int
	// Workers is how many pages are recognised at once; 0 is
	// runtime.NumCPU(). All OCRPDF calls of the process together never run
	// more than runtime.NumCPU() recognitions at once.
	Workers int
	// Progress, when set, is called once per page recognised or read from
	// the cache, with the pages done so far and the pages to do; calls for
	// one file are serialised.
	Progress func(done, total int)
	// Tesseract and Pdftoppm are the programs' paths; "" looks them up in
	// PATH. When pdftoppm is missing, Ghostscript (gs) renders the pages.
	Tesseract, Pdftoppm string
}

func (c OCRConfig) languages() string {
	if c.Languages == "" {
		return "fra+eng"
	}
	return c.Languages
}

func (c OCRConfig) dpi() int {
	if c.DPI <= 0 {
		return 300
	}
	return c.DPI
}

func (c OCRConfig) cacheDir() string {
	switch c.CacheDir {
	case "-":
		return ""
	case "":
		dir, err := os.UserCacheDir()
		if err != nil {
			return ""
		}
		return filepath.Join(dir, "lextraite", "ocr")
	}
	return c.CacheDir
}

// OCRResult is the text of a PDF, read from its text layer and, for the
// pages without one, recognised.
type OCRResult struct {
	// Text is the whole text, as ExtractPDF gives it.
	Text string
	// Pages is the number of pages of the file.
	Pages int
	// OCRPages are the numbers (from 1) of the pages recognised.
	OCRPages []int
	// Confidence holds one entry per page of the file: Tesseract's mean
	// word confidence, 0 to 100, for a page recognised; 100 for a page read
	// from its text layer.
	Confidence []float64
	// Cached is set when every page recognised came from the cache.
	Cached bool
}

// OCR reports whether any page of the text was recognised.
func (r OCRResult) OCR() bool { return len(r.OCRPages) > 0 }

// Mark records on d, whose provisions were read from r.Text, that its text
// comes from OCR: d.OCR and each provision's OCR, d.OCRConfidence, and
// OCRNote among d.Notes. It does nothing when no page was recognised.
// (Every provision is marked, even in a file where only some pages were
// scanned: the reader is asked to check against the original.)
func (r OCRResult) Mark(d *Document) {
	if !r.OCR() {
		return
	}
	d.OCR = true
	d.OCRConfidence = append([]float64(nil), r.Confidence...)
	for i := range d.Provisions {
		d.Provisions[i].OCR = true
	}
	for _, n := range d.Notes {
		if n == OCRNote {
			return
		}
	}
	d.Notes = append(d.Notes, OCRNote)
}

// ocrSlots bounds the recognitions running in the process at once.
var ocrSlots = make(chan struct{}, runtime.NumCPU())

// OCRAvailable tells whether scanned pages can be recognised: nil, or an
// error wrapping ErrNoText that says what to install.
func OCRAvailable(cfg OCRConfig) error {
	_, _, err := ocrTools(cfg)
	return err
}

// ocrTools finds Tesseract and a rasteriser, and checks that the languages
// asked for are installed.
func ocrTools(cfg OCRConfig) (tesseract, raster string, err error) {
	if cfg.Disabled {
		return "", "", fmt.Errorf("%w (reconnaissance de caractères désactivée)", ErrNoText)
	}
	look := func(path, name string) string {
		if path != "" {
			if _, err := os.Stat(path); err != nil {
				return ""
			}
			return path
		}
		p, _ := exec.LookPath(name)
		return p
	}
	tesseract = look(cfg.Tesseract, "tesseract")
	if tesseract == "" {
		return "", "", fmt.Errorf("%w : Tesseract n'est pas installé (%s)", ErrNoText, OCRInstall)
	}
	raster = look(cfg.Pdftoppm, "pdftoppm")
	if raster == "" {
		raster = look("", "gs")
	}
	if raster == "" {
		return "", "", fmt.Errorf("%w : ni pdftoppm ni gs n'est installé pour rendre les pages (%s)", ErrNoText, OCRInstall)
	}
	have, err := ocrLanguages(tesseract)
	if err != nil {
		return "", "", fmt.Errorf("%w : %s", ErrNoText, oneLine(err.Error()))
	}
	for _, l := range strings.Split(cfg.languages(), "+") {
		if !have[l] {
			return "", "", fmt.Errorf("%w : Tesseract n'a pas le modèle de langue %q (apt-get install tesseract-ocr-%s)", ErrNoText, l, l)
		}
	}
	return tesseract, raster, nil
}

var (
	ocrLangMu    sync.Mutex
	ocrLangCache = map[string]map[string]bool{}
)

// ocrLanguages lists the models of a Tesseract program (once per path).
func ocrLanguages(tesseract string) (map[string]bool, error) {
	ocrLangMu.Lock()
	defer ocrLangMu.Unlock()
	if m, ok := ocrLangCache[tesseract]; ok {
		return m, nil
	}
	out, err := exec.Command(tesseract, "--list-langs").CombinedOutput()
	if err != nil {
		return nil, fmt.Errorf("tesseract --list-langs : %v", err)
	}
	m := map[string]bool{}
	for _, line := range strings.Split(string(out), "\n") {
		if l := strings.TrimSpace(line); l != "" && !strings.Contains(l, " ") {
			m[l] = true
		}
	}
	ocrLangCache[tesseract] = m
	return m, nil
}

// ocrPage is what Tesseract recognised on one page, before cleaning.
type ocrPage struct {
	Text       string  `json:"text"`
	Confidence float64 `json:"confidence"`
}

// ocrCache is the cache file of one PDF.
type ocrCache struct {
	Version   int             `json:"version"`
	Languages string          `json:"languages"`
	DPI       int             `json:"dpi"`
	Pages     map[int]ocrPage `json:"pages"`
}

// OCRPDF reads the PDF at path like ExtractPDF and recognises the pages
// without a text layer. Errors are those of ExtractPDF, except that a file
// without any text gives ErrNoText only when OCR is unavailable (the error
// then says what to install) or recognises nothing. When OCR is unavailable
// and only some pages lack text, the text of the others is returned and
// OCRPages stays empty.
func OCRPDF(path string, cfg OCRConfig) (OCRResult, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return OCRResult{}, fmt.Errorf("PDF %s : %w", path, err)
	}
	if len(data) == 0 {
		return OCRResult{}, fmt.Errorf("PDF %s : %w", path, ErrEmpty)
	}
	layer, err := pdfReadLayer(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return OCRResult{}, fmt.Errorf("PDF %s : %w", path, err)
	}
	res := OCRResult{Pages: len(layer.pages), Confidence: make([]float64, len(layer.pages))}
	var missing []int
	for i, p := range layer.pages {
		res.Confidence[i] = 100
		if strings.TrimSpace(p) == "" {
			missing = append(missing, i+1)
		}
	}
	if len(missing) > 0 {
		pages, cached, err := ocrRecognise(path, data, missing, layer.decrypted, cfg)
		switch {
		case err != nil && len(missing) == len(layer.pages):
			return OCRResult{}, fmt.Errorf("PDF %s : %s sans texte : %w", path, frPages(len(missing)), err)
		case err == nil:
			texts := make([]string, len(missing))
			for k, n := range missing {
				texts[k] = pages[n].Text
			}
			texts = ocrDropRunning(texts)
			for k, n := range missing {
				layer.pages[n-1] = ocrClean(texts[k])
				res.Confidence[n-1] = pages[n].Confidence
			}
			res.OCRPages = missing
			res.Cached = cached
		}
	}
	res.Text = layer.text()
	if res.Text == "" {
		return OCRResult{}, fmt.Errorf("PDF %s : %w : rien de reconnu sur %s", path, ErrNoText, frPages(len(layer.pages)))
	}
	return res, nil
}

// ocrRecognise recognises the given pages (numbered from 1) of the PDF
// held in data, read from the cache when it holds them. Errors wrap
// ErrNoText. A PDF that needed decrypting is rendered from a decrypted
// copy, since the renderer may not open it.
func ocrRecognise(path string, data []byte, pages []int, decrypt bool, cfg OCRConfig) (map[int]ocrPage, bool, error) {
	sum := sha256.Sum256(data)
	key := hex.EncodeToString(sum[:])
	cacheFile := ""
	if dir := cfg.cacheDir(); dir != "" {
		cacheFile = filepath.Join(dir, key[:2], fmt.Sprintf("%s-%s-%d.json", key, strings.ReplaceAll(cfg.languages(), "+", "_"), cfg.dpi()))
	}
	out := map[int]ocrPage{}
	if c, ok := ocrReadCache(cacheFile, cfg); ok {
		for _, n := range pages {
			if p, ok := c.Pages[n]; ok {
				out[n] = p
			}
		}
		if len(out) == len(pages) {
			if cfg.Progress != nil {
				cfg.Progress(len(pages), len(pages))
			}
			return out, true, nil
		}
	}
	tesseract, raster, err := ocrTools(cfg)
	if err != nil {
		return nil, false, err
	}
	tmp, err := os.MkdirTemp("", "lextraite-ocr-")
	if err != nil {
		return nil, false, fmt.Errorf("%w: %v", ErrNoText, err)
	}
	defer os.RemoveAll(tmp)
	src := path
	if decrypt {
		plain, err := pdfDecrypt(bytes.NewReader(data), int64(len(data)))
		if err != nil {
			return nil, false, err
		}
		src = filepath.Join(tmp, "plain.pdf")
		if err := os.WriteFile(src, plain, 0o600); err != nil {
			return nil, false, fmt.Errorf("%w: %v", ErrNoText, err)
		}
	}

	var todo []int
	for _, n := range pages {
		if _, ok := out[n]; !ok {
			todo = append(todo, n)
		}
	}
	workers := cfg.Workers
	if workers <= 0 {
		workers = runtime.NumCPU()
	}
	workers = min(workers, len(todo))
	type result struct {
		n    int
		page ocrPage
		err  error
	}
	jobs := make(chan int)
	results := make(chan result)
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for n := range jobs {
				ocrSlots <- struct{}{}
				p, err := ocrOnePage(src, n, tmp, tesseract, raster, cfg)
				<-ocrSlots
				results <- result{n, p, err}
			}
		}()
	}
	go func() {
		for _, n := range todo {
			jobs <- n
		}
		close(jobs)
		wg.Wait()
		close(results)
	}()
	var errs []error
	done := len(out)
	for r := range results {
		done++
		if r.err != nil {
			errs = append(errs, fmt.Errorf("page %d : %w", r.n, r.err))
		} else {
			out[r.n] = r.page
		}
		if cfg.Progress != nil {
			cfg.Progress(done, len(pages))
		}
	}
	if len(errs) > 0 {
		return nil, false, fmt.Errorf("%w : échec de la reconnaissance : %s", ErrNoText, oneLine(errors.Join(errs...).Error()))
	}
	ocrWriteCache(cacheFile, cfg, out)
	return out, false, nil
}

// ocrOnePage renders page n of the PDF at src and recognises it.
func ocrOnePage(src string, n int, tmp, tesseract, raster string, cfg OCRConfig) (ocrPage, error) {
	ctx, cancel := context.WithTimeout(context.Background(), ocrPageTimeout)
	defer cancel()
	base := filepath.Join(tmp, fmt.Sprintf("page-%d", n))
	img := base + ".png"
	dpi := strconv.Itoa(cfg.dpi())
	var cmd *exec.Cmd
	if filepath.Base(raster) == "pdftoppm" || strings.HasPrefix(filepath.Base(raster), "pdftoppm") {
		cmd = exec.CommandContext(ctx, raster, "-r", dpi, "-gray", "-f", strconv.Itoa(n), "-l", strconv.Itoa(n),
			"-singlefile", "-png", src, base)
	} else {
		cmd = exec.CommandContext(ctx, raster, "-q", "-dNOPAUSE", "-dBATCH", "-dSAFER", "-sDEVICE=pnggray",
			"-r"+dpi, fmt.Sprintf("-dFirstPage=%d", n), fmt.Sprintf("-dLastPage=%d", n),
			"-sOutputFile="+img, src)
	}
	if out, err := cmd.CombinedOutput(); err != nil {
		return ocrPage{}, fmt.Errorf("rendu de la page : %v : %s", err, ocrTail(out))
	}
	defer os.Remove(img)
	cmd = exec.CommandContext(ctx, tesseract, img, "stdout", "-l", cfg.languages(), "--dpi", dpi, "--psm", "3", "tsv")
	// One thread per process: pages run in parallel instead.
	cmd.Env = append(os.Environ(), "OMP_THREAD_LIMIT=1")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		return ocrPage{}, fmt.Errorf("tesseract: %v: %s", err, ocrTail(stderr.Bytes()))
	}
	return ocrParseTSV(bytes.NewReader(out))
}

// ocrTail keeps the end of a program's output for an error message.
func ocrTail(b []byte) string {
	s := strings.TrimSpace(string(b))
	if len(s) > 300 {
		s = "…" + s[len(s)-300:]
	}
	return s
}

// ocrParseTSV rebuilds a page's text from Tesseract's TSV output: words of
// a line separated by a space, lines by "\n", paragraphs (and blocks) by a
// blank line; the confidence is the mean of the words'.
func ocrParseTSV(r io.Reader) (ocrPage, error) {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 64<<10), 16<<20)
	var b strings.Builder
	var confSum float64
	var words int
	lastPar, lastLine := "", ""
	header := true
	for sc.Scan() {
		if header {
			header = false
			continue
		}
		f := strings.Split(sc.Text(), "\t")
		if len(f) < 12 || f[0] != "5" {
			continue
		}
		text := strings.TrimSpace(f[11])
		if text == "" {
			continue
		}
		par := f[1] + "/" + f[2] + "/" + f[3]
		line := par + "/" + f[4]
		switch {
		case b.Len() == 0:
		case par != lastPar:
			b.WriteString("\n\n")
		case line != lastLine:
			b.WriteByte('\n')
		default:
			b.WriteByte(' ')
		}
		b.WriteString(text)
		lastPar, lastLine = par, line
		if c, err := strconv.ParseFloat(f[10], 64); err == nil && c >= 0 {
			confSum += c
			words++
		}
	}
	if err := sc.Err(); err != nil {
		return ocrPage{}, fmt.Errorf("lecture du résultat de tesseract : %v", err)
	}
	p := ocrPage{Text: b.String()}
	if words > 0 {
		p.Confidence = math.Round(confSum/float64(words)*10) / 10
	}
	return p, nil
}

// ocrReadCache reads a cache file written for the same settings.
func ocrReadCache(file string, cfg OCRConfig) (ocrCache, bool) {
	if file == "" {
		return ocrCache{}, false
	}
	data, err := os.ReadFile(file)
	if err != nil {
		return ocrCache{}, false
	}
	var c ocrCache
	if json.Unmarshal(data, &c) != nil || c.Version != ocrCacheVersion || c.Languages != cfg.languages() || c.DPI != cfg.dpi() {
		return ocrCache{}, false
	}
	return c, true
}

// ocrWriteCache adds pages to a cache file, atomically; a cache that
// cannot be written is no error, only a missed saving.
func ocrWriteCache(file string, cfg OCRConfig, pages map[int]ocrPage) {
	if file == "" {
		return
	}
	c, ok := ocrReadCache(file, cfg)
	if !ok {
		c = ocrCache{Version: ocrCacheVersion, Languages: cfg.languages(), DPI: cfg.dpi(), Pages: map[int]ocrPage{}}
	}
	for n, p := range pages {
		c.Pages[n] = p
	}
	data, err := json.Marshal(c)
	if err != nil || os.MkdirAll(filepath.Dir(file), 0o755) != nil {
		return
	}
	tmp, err := os.CreateTemp(filepath.Dir(file), ".ocr-*")
	if err != nil {
		return
	}
	_, werr := tmp.Write(data)
	cerr := tmp.Close()
	if werr != nil || cerr != nil || os.Rename(tmp.Name(), file) != nil {
		os.Remove(tmp.Name())
	}
}

// ocrDropRunning drops the running headers, footers and page numbers of
// recognised pages, as pdfRunningLines does for the text layer, with line
// positions counted from the top of the page for its first half and from
// the bottom for the second.
func ocrDropRunning(pages []string) []string {
	lines := make([][]pdfLine, len(pages))
	split := make([][]string, len(pages))
	for p, text := range pages {
		split[p] = strings.Split(text, "\n")
		n := len(split[p])
		for i, t := range split[p] {
			y := 1000 - 12*float64(i)
			if i >= n/2 {
				y = 12 * float64(n-1-i)
			}
			var ws []pdfWord
			for _, w := range strings.Fields(t) {
				ws = append(ws, pdfWord{text: w, size: 10})
			}
			lines[p] = append(lines[p], pdfLine{y: y, size: 10, words: ws})
		}
	}
	drop := pdfRunningLines(lines)
	out := make([]string, len(pages))
	for p := range pages {
		var kept []string
		for i, t := range split[p] {
			if !drop[p][i] || strings.TrimSpace(t) == "" {
				kept = append(kept, t)
			}
		}
		out[p] = strings.TrimSpace(strings.Join(kept, "\n"))
	}
	return out
}

var (
	// reOCRGuillemets: "<<" and ">>" for « and », and the spaces inside
	// guillemets.
	reOCROpen  = regexp.MustCompile(`(?:«|<<)[ \x{a0}\x{202f}]*`)
	reOCRClose = regexp.MustCompile(`[ \x{a0}\x{202f}]*(?:»|>>)`)
	// reOCRApostrophe: a straight or misread apostrophe after a letter.
	reOCRApostrophe = regexp.MustCompile(`(\pL)['‘` + "`" + `´′]`)
	// reOCRSpaces collapses runs of spaces.
	reOCRSpaces = regexp.MustCompile(` {2,}`)
)

// ocrClean post-processes recognised text: ligatures spelled out, the
// apostrophe after a letter written ’ (as groff, Fedlex and the printed
// gazettes write it), guillemets with one space inside (« texte »), and
// article headings misread by OCR put right (ocrFixHeading).
func ocrClean(text string) string {
	text = strings.NewReplacer("ﬁ", "fi", "ﬂ", "fl", "ﬀ", "ff", "ﬃ", "ffi", "ﬄ", "ffl").Replace(text)
	text = reOCRApostrophe.ReplaceAllString(text, "$1’")
	text = reOCROpen.ReplaceAllString(text, "« ")
	text = reOCRClose.ReplaceAllString(text, " »")
	lines := strings.Split(text, "\n")
	for i, l := range lines {
		l = strings.TrimSpace(reOCRSpaces.ReplaceAllString(l, " "))
		lines[i] = ocrFixHeading(l)
	}
	return strings.Join(lines, "\n")
}

// ocrArticleWord reports whether w is "article" as OCR misreads it: the
// letters i, l, 1, I, | and ! taken for one another ("Articie", "ARTlCLE",
// "Artic1e"), "cl" read as "d" ("Artide"), "rt" as "n" ("Anicle") or one
// letter more, less or wrong.
func ocrArticleWord(w string) bool {
	lw := strings.ToLower(w)
	if lw == "article" || lw == "articles" {
		return lw == "article"
	}
	n := utf8.RuneCountInString(lw)
	if n < 5 || n > 8 || !strings.HasPrefix(lw, "a") {
		return false
	}
	norm := func(s string) string {
		return strings.Map(func(r rune) rune {
			if strings.ContainsRune("il1|!íï", r) {
				return 'i'
			}
			return r
		}, s)
	}
	nw := norm(lw)
	for _, v := range []string{"article", "artide", "anicle"} {
		if nw == norm(v) {
			return true
		}
	}
	return editDistance(nw, norm("article")) <= 1
}

// reOCRNumber is an article number as OCR may read it: digits, and the
// letters l, I, | and O taken for 1 and 0, with hyphens or dots between.
var reOCRNumber = regexp.MustCompile(`^[0-9lI|Oo]+(?:[-.][0-9lI|Oo]+)*$`)

// ocrFixHeading puts right an article heading that OCR misread at the
// start of a line: "Articie 3" → "Article 3", "ARTlCLE 5" → "ARTICLE 5",
// "Article l er" / "Article ler" / "Article 1 er" → "Article 1er",
// "Article l2" → "Article 12". The word must be followed by a number, so
// "Articles 3 et 4" and other lines stay as they are.
func ocrFixHeading(line string) string {
	f := strings.Fields(line)
	if len(f) < 2 || !ocrArticleWord(f[0]) {
		return line
	}
	num, rest := f[1], f[2:]
	switch lower := strings.ToLower(num); {
	case (lower == "l" || lower == "i" || num == "1" || num == "|") && len(rest) > 0 && strings.HasPrefix(rest[0], "er"):
		// "l er", "I er", "1 er": the "er" may carry the punctuation.
		num, rest = "1"+rest[0], rest[1:]
	case ocrOneEr(lower):
		num = "1" + num[1:]
	case reOCRNumber.MatchString(strings.TrimRight(num, ".:")) && strings.ContainsAny(num, "0123456789"):
		core := strings.TrimRight(num, ".:")
		num = strings.NewReplacer("l", "1", "I", "1", "|", "1", "O", "0", "o", "0").Replace(core) + num[len(core):]
	case num == "premier" || num == "PREMIER" || num == "unique" || num == "1er" || unicode.IsDigit(ocrRuneAt(num, 0)):
	default:
		return line
	}
	word := "Article"
	upper, lower := 0, 0
	for _, r := range f[0] {
		if unicode.IsUpper(r) {
			upper++
		} else if unicode.IsLower(r) {
			lower++
		}
	}
	if upper > lower {
		word = "ARTICLE"
	}
	return strings.Join(append([]string{word, num}, rest...), " ")
}

// ocrOneEr reports whether a lowercased word is "1er" misread: "ler",
// "ier", "|er", with punctuation after it.
func ocrOneEr(w string) bool {
	w = strings.TrimRight(w, ".:-–")
	return w == "ler" || w == "ier" || w == "|er"
}

// ocrRuneAt returns the i-th rune of s, or 0.
func ocrRuneAt(s string, i int) rune {
	for k, r := range []rune(s) {
		if k == i {
			return r
		}
	}
	return 0
}
