package corpus

// Measured layout: real corpus texts are typeset at test time with Debian's
// groff (one column and two columns, justified, French hyphenation) and the
// words ExtractPDF reads back are compared with poppler's pdftotext and with
// the source text. The only text added to the rendered pages is a running
// footer that says it is a test rendering, and groff's page numbers.

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"unicode"
)

// pdfTestCorpus is the shared corpus, beside the repository.
const pdfTestCorpus = "../../shared/corpus"

// pdfTestSource is a real corpus text made plain for rendering: paragraphs
// separated by a blank line, and the article numbers it holds, in order.
type pdfTestSource struct {
	name     string
	text     string
	articles []string
}

var (
	reTestFrontMatter = regexp.MustCompile(`(?s)\A---\n.*?\n---\n`)
	reTestFedlexHead  = regexp.MustCompile(`^\*\*Art\. ([0-9a-z ]+)\*\* Art\. [0-9a-z ]+ `)
)

// pdfTestCodePenal reads the articles of the French Code pénal on
// trafficking (national/fr/code-penal-traite-des-etres-humains), first
// articles only when n > 0.
func pdfTestCodePenal(tb testing.TB, n int) pdfTestSource {
	tb.Helper()
	dir := filepath.Join(pdfTestCorpus, "national/fr/code-penal-traite-des-etres-humains")
	files, _ := filepath.Glob(filepath.Join(dir, "article-*.md"))
	if len(files) == 0 {
		tb.Skipf("no corpus articles in %s (the shared corpus is not beside the repository)", dir)
	}
	slices.Sort(files) // 225-4-1 … 225-4-9
	if n > 0 && n < len(files) {
		files = files[:n]
	}
	src := pdfTestSource{name: "code-penal-225-4"}
	var paras []string
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			tb.Fatal(err)
		}
		for _, p := range strings.Split(strings.TrimSpace(string(data)), "\n\n") {
			p = strings.Join(strings.Fields(p), " ")
			if h, ok := strings.CutPrefix(p, "# "); ok {
				p = h
				src.articles = append(src.articles, strings.TrimPrefix(h, "Article "))
			}
			paras = append(paras, p)
		}
	}
	src.text = strings.Join(paras, "\n\n")
	return src
}

// pdfTestFedlex reads the French text of the trafficking protocol as
// published by the Swiss Confederation (international/ch-fedlex-md/
// RS-0.311.542-fr.md), its first n articles when n > 0. The Markdown
// heading "**Art. 3** Art. 3 Terminologie" becomes "Art. 3 Terminologie".
func pdfTestFedlex(tb testing.TB, n int) pdfTestSource {
	tb.Helper()
	path := filepath.Join(pdfTestCorpus, "international/ch-fedlex-md/RS-0.311.542-fr.md")
	data, err := os.ReadFile(path)
	if err != nil {
		tb.Skipf("corpus text missing: %v", err)
	}
	body := reTestFrontMatter.ReplaceAllString(string(data), "")
	src := pdfTestSource{name: "protocole-rs-0.311.542"}
	var paras []string
	for _, p := range strings.Split(strings.TrimSpace(body), "\n\n") {
		p = strings.Join(strings.Fields(p), " ")
		if m := reTestFedlexHead.FindStringSubmatch(p); m != nil {
			if n > 0 && len(src.articles) == n {
				break
			}
			src.articles = append(src.articles, m[1])
			p = "Art. " + m[1] + " " + p[len(m[0]):]
		}
		paras = append(paras, p)
	}
	src.text = strings.Join(paras, "\n\n")
	return src
}

// pdfTestGroff typesets text with groff -ms into a PDF in dir: justified,
// hyphenated with groff's French patterns, in two columns when twoCol,
// and returns its path. It skips the test when groff is missing.
func pdfTestGroff(tb testing.TB, dir, name, text string, twoCol bool) string {
	tb.Helper()
	groff, err := exec.LookPath("groff")
	if err != nil {
		tb.Skip("groff not found: apt-get install -y groff (with ghostscript) to render the test PDFs")
	}
	var in strings.Builder
	// Page offset 1 inch, line length 6 inches: two columns meet around
	// x = 72 + 216 = pdfTestGutterX points.
	in.WriteString(".nr PO 1i\n.nr LL 6i\n.ds LF Rendu de test lextraite\n.ds RF \\n(PN\n")
	if twoCol {
		in.WriteString(".2C\n")
	}
	for _, p := range strings.Split(text, "\n\n") {
		p = strings.ReplaceAll(p, `\`, `\e`)
		if strings.HasPrefix(p, ".") || strings.HasPrefix(p, "'") {
			p = `\&` + p
		}
		if _, _, ok := articleHead(p); ok && len(p) < 200 {
			fmt.Fprintf(&in, ".SH\n%s\n.PP\n", p)
			continue
		}
		fmt.Fprintf(&in, ".PP\n%s\n", p)
	}
	cmd := exec.Command(groff, "-k", "-mfr", "-ms", "-Tpdf")
	cmd.Stdin = strings.NewReader(in.String())
	var out, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &stderr
	if err := cmd.Run(); err != nil {
		tb.Fatalf("groff: %v\n%s", err, stderr.String())
	}
	path := filepath.Join(dir, name+".pdf")
	if err := os.WriteFile(path, out.Bytes(), 0o644); err != nil {
		tb.Fatal(err)
	}
	return path
}

// pdfTestGutterX is the middle of the gutter of pdfTestGroff's two
// columns, in points from the left edge of the page.
const pdfTestGutterX = 288

// pdfTestPopplerColumns runs pdftotext on each half of each page, left
// half first: poppler's words in column order, whatever its own column
// detection makes of the page.
func pdfTestPopplerColumns(tb testing.TB, path string, pages int) [][]string {
	tb.Helper()
	pdftotext, err := exec.LookPath("pdftotext")
	if err != nil {
		tb.Skip("pdftotext not found: apt-get install -y poppler-utils to compare with poppler")
	}
	out := make([][]string, pages)
	for p := 1; p <= pages; p++ {
		for _, crop := range [][2]int{{0, pdfTestGutterX}, {pdfTestGutterX, 2000}} {
			args := []string{"-f", fmt.Sprint(p), "-l", fmt.Sprint(p), "-x", fmt.Sprint(crop[0]), "-y", "0",
				"-W", fmt.Sprint(crop[1] - crop[0]), "-H", "2000", path, "-"}
			text, err := exec.Command(pdftotext, args...).Output()
			if err != nil {
				tb.Fatalf("pdftotext %v: %v", args, err)
			}
			out[p-1] = append(out[p-1], pdfTestWords(string(text))...)
		}
	}
	return out
}

// pdfTestPoppler runs pdftotext on path and returns its words, page by page
// (pdftotext ends each page with a form feed). It skips the test when
// poppler-utils is missing.
func pdfTestPoppler(tb testing.TB, path string) [][]string {
	tb.Helper()
	pdftotext, err := exec.LookPath("pdftotext")
	if err != nil {
		tb.Skip("pdftotext not found: apt-get install -y poppler-utils to compare with poppler")
	}
	out, err := exec.Command(pdftotext, path, "-").Output()
	if err != nil {
		tb.Fatalf("pdftotext %s: %v", path, err)
	}
	var pages [][]string
	for _, p := range strings.Split(strings.TrimSuffix(string(out), "\f"), "\f") {
		pages = append(pages, pdfTestWords(p))
	}
	return pages
}

// pdfTestAgreement measures ExtractPDF on path against pdftotext: the LCS
// of the two word sequences over the number of pdftotext words. Two
// deliberate differences are taken out of the measure, and reported:
// the running headers, footers and page numbers ExtractPDF drops are
// removed from poppler's words too, and since poppler removes every hyphen
// at a line end ("porte-\nparole" → "porteparole") while ExtractPDF keeps the
// hyphens of compounds, hyphens are ignored inside words on both sides.
//
// With byColumns, poppler reads each half of the page on its own
// (pdfTestPopplerColumns), for pdfTestGroff's two-column pages.
func pdfTestAgreement(tb testing.TB, path string, byColumns bool) (agreement float64, text string, report string) {
	tb.Helper()
	f, err := os.Open(path)
	if err != nil {
		tb.Fatal(err)
	}
	defer f.Close()
	fi, _ := f.Stat()
	layer, err := pdfReadLayer(f, fi.Size())
	if err != nil {
		tb.Fatalf("ExtractPDF %s: %v", path, err)
	}
	text = layer.text()
	var pages [][]string
	if byColumns {
		pages = pdfTestPopplerColumns(tb, path, len(layer.pages))
	} else {
		pages = pdfTestPoppler(tb, path)
	}
	var ref []string
	droppedWords := 0
	for i, words := range pages {
		if i < len(layer.dropped) {
			for _, line := range layer.dropped[i] {
				var n int
				words, n = pdfTestRemoveRun(words, pdfTestWords(line))
				droppedWords += n
			}
		}
		ref = append(ref, words...)
	}
	unhyphen := func(ws []string) []string {
		out := make([]string, len(ws))
		for i, w := range ws {
			out[i] = strings.NewReplacer("-", "", "\u2010", "").Replace(w)
		}
		return out
	}
	ours := pdfTestWords(text)
	lcs := pdfTestLCS(unhyphen(ours), unhyphen(ref))
	agreement = float64(lcs) / float64(len(ref))
	dropped := 0
	for _, d := range layer.dropped {
		dropped += len(d)
	}
	how := "pdftotext"
	if byColumns {
		how = "pdftotext by column"
	}
	report = fmt.Sprintf("%s: agreement with %s %.4f (LCS %d / %d poppler words; %d ours; %d running lines = %d poppler words left out)",
		filepath.Base(path), how, agreement, lcs, len(ref), len(ours), dropped, droppedWords)
	return agreement, text, report
}

// pdfTestRemoveRun removes from words the first run equal to run; when the
// run is not found whole (poppler split the line), its words are removed
// one by one, first occurrences. It returns the number of words removed.
func pdfTestRemoveRun(words, run []string) ([]string, int) {
	if len(run) == 0 {
		return words, 0
	}
	for i := 0; i+len(run) <= len(words); i++ {
		if slices.Equal(words[i:i+len(run)], run) {
			return slices.Delete(slices.Clone(words), i, i+len(run)), len(run)
		}
	}
	out := slices.Clone(words)
	removed := 0
	for _, w := range run {
		if i := slices.Index(out, w); i >= 0 {
			out = slices.Delete(out, i, i+1)
			removed++
		}
	}
	return out, removed
}

// pdfTestNormWords splits text into words for the comparison with a
// source text: apostrophes and quotation marks in one form, guillemets as
// words of their own (typesetting may add or remove their spaces).
func pdfTestNormWords(s string) []string {
	s = strings.NewReplacer("'", "’", "‘", "’", "`", "’", "«", " « ", "»", " » ",
		"\u00a0", " ", "\u202f", " ").Replace(s)
	var out []string
	for _, w := range strings.Fields(s) {
		w = strings.TrimFunc(w, func(r rune) bool { return r == '"' || r == '“' || r == '”' })
		if w != "" && !pdfIsRule(w) {
			out = append(out, w)
		}
	}
	return out
}

// pdfTestSourceAgreement is the LCS of the extracted words and the source
// words over the number of source words.
func pdfTestSourceAgreement(got, source string) (float64, int, int) {
	g, s := pdfTestNormWords(got), pdfTestNormWords(source)
	lcs := pdfTestLCS(g, s)
	return float64(lcs) / float64(max(len(s), 1)), lcs, len(s)
}

// pdfTestProvisions loads the PDF at path with the package's loader, alone
// in a directory, and returns the numbers of its provisions.
func pdfTestProvisions(tb testing.TB, path string) []string {
	tb.Helper()
	dir := tb.TempDir()
	data, err := os.ReadFile(path)
	if err != nil {
		tb.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, filepath.Base(path)), data, 0o644); err != nil {
		tb.Fatal(err)
	}
	rep, err := LoadDir(dir, Options{})
	if err != nil {
		tb.Fatalf("LoadDir: %v", err)
	}
	if len(rep.Documents) != 1 {
		tb.Fatalf("LoadDir: %d documents, skipped %+v", len(rep.Documents), rep.Skipped)
	}
	return pdfTestTextProvisions(rep.Documents[0])
}

// pdfTestTextProvisions lists the numbers of d's provisions that are
// articles.
func pdfTestTextProvisions(d *Document) []string {
	var out []string
	for _, p := range d.Provisions {
		if p.Number != "" && (strings.HasPrefix(p.Anchor, "art-") || strings.Contains(p.Anchor, "--art-")) {
			out = append(out, p.Number)
		}
	}
	return out
}

// TestRenderPDFLayout typesets real corpus texts, one column and two
// columns, and measures ExtractPDF on them: at least 98% of poppler's words
// and of the source words in order, no hyphenated line end left, and the
// articles found in order by the loader.
func TestRenderPDFLayout(t *testing.T) {
	sources := []pdfTestSource{pdfTestCodePenal(t, 0), pdfTestFedlex(t, 0)}
	dir := t.TempDir()
	for _, src := range sources {
		for _, twoCol := range []bool{false, true} {
			name := src.name + "-1col"
			if twoCol {
				name = src.name + "-2col"
			}
			t.Run(name, func(t *testing.T) {
				path := pdfTestGroff(t, dir, name, src.text, twoCol)
				agreement, text, report := pdfTestAgreement(t, path, false)
				srcAgreement, lcs, n := pdfTestSourceAgreement(text, src.text)
				t.Logf("%s; agreement with the source text %.4f (LCS %d / %d source words)", report, srcAgreement, lcs, n)
				if twoCol {
					// poppler's own column detection may misorder a page
					// (a short last column): it is then also run column by
					// column, and the better of the two measures counts.
					colAgreement, _, colReport := pdfTestAgreement(t, path, true)
					t.Log(colReport)
					agreement = max(agreement, colAgreement)
				}
				if agreement < 0.98 {
					t.Errorf("agreement with pdftotext %.4f < 0.98", agreement)
				}
				if srcAgreement < 0.98 {
					t.Errorf("agreement with the source text %.4f < 0.98", srcAgreement)
				}
				if strings.Contains(text, "Rendu de test") {
					t.Errorf("running footer kept")
				}
				for _, line := range strings.Split(text, "\n") {
					if w := strings.Fields(line); len(w) > 0 {
						last := []rune(w[len(w)-1])
						if len(last) > 2 && last[len(last)-1] == '-' && unicode.IsLower(last[len(last)-2]) {
							t.Errorf("hyphenated line end left: %q", line)
						}
					}
				}
				got := pdfTestProvisions(t, path)
				if !slices.Equal(got, src.articles) {
					t.Errorf("provisions %q, want %q", got, src.articles)
				}
			})
		}
	}
}
