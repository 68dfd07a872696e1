package corpus

import (
	"errors"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

func TestOCRFixHeading(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{"Article l er", "Article 1er"},
		{"Article 1 er : Définitions", "Article 1er : Définitions"},
		{"Article ler", "Article 1er"},
		{"Article Ier.", "Article 1er."},
		{"Articie 3", "Article 3"},
		{"ARTlCLE 5", "ARTICLE 5"},
		{"ARTICLE 5", "ARTICLE 5"},
		{"Artic1e 12 bis", "Article 12 bis"},
		{"Artide 4", "Article 4"},
		{"Article l2", "Article 12"},
		{"Article 225-4-l", "Article 225-4-1"},
		{"Article 2O", "Article 20"},
		{"Article premier", "Article premier"},
		// Left alone: not a heading, or not a number after it.
		{"Articles 3 et 4", "Articles 3 et 4"},
		{"Article unique", "Article unique"},
		{"Artiste 3", "Artiste 3"},
		{"Particle 3", "Particle 3"},
		{"Article du code", "Article du code"},
		{"Le présent article", "Le présent article"},
	} {
		if got := ocrFixHeading(tt.in); got != tt.want {
			t.Errorf("ocrFixHeading(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestOCRClean(t *testing.T) {
	// Synthetic lines.
	for _, tt := range []struct{ in, want string }{
		{"l'exploitation d`autrui", "l’exploitation d’autrui"},
		{"qu‘il", "qu’il"},
		{"le terme «enfant» désigne", "le terme « enfant » désigne"},
		{"le terme <<enfant>> désigne", "le terme « enfant » désigne"},
		{"le terme «  enfant  » désigne", "le terme « enfant » désigne"},
		{"ARTlCLE 5 - Les ﬁns", "ARTICLE 5 - Les fins"},
		{"'citation' anglaise", "'citation’ anglaise"},
	} {
		if got := ocrClean(tt.in); got != tt.want {
			t.Errorf("ocrClean(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestOCRParseTSV(t *testing.T) {
	// A synthetic Tesseract TSV: two paragraphs, the first on two lines.
	rows := []string{
		"level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext",
		"1\t1\t0\t0\t0\t0\t0\t0\t2480\t3508\t-1\t",
		"5\t1\t1\t1\t1\t1\t10\t10\t50\t20\t96.5\tTexte",
		"5\t1\t1\t1\t1\t2\t70\t10\t50\t20\t90\tsynthé-",
		"5\t1\t1\t1\t2\t1\t10\t40\t50\t20\t80\ttique",
		"5\t1\t1\t2\t1\t1\t10\t90\t50\t20\t93.5\tSuite.",
		"5\t1\t1\t2\t1\t2\t10\t90\t50\t20\t-1\t ",
	}
	p, err := ocrParseTSV(strings.NewReader(strings.Join(rows, "\n")))
	if err != nil {
		t.Fatal(err)
	}
	if want := "Texte synthé-\ntique\n\nSuite."; p.Text != want {
		t.Errorf("text %q, want %q", p.Text, want)
	}
	if p.Confidence != 90 {
		t.Errorf("confidence %v, want 90", p.Confidence)
	}
}

func TestOCRDropRunning(t *testing.T) {
	// Synthetic recognised pages with a running header and page numbers.
	pages := []string{
		"JOURNAL OFFICIEL SYNTHÉTIQUE 12\nPremière page de test.\n- 1 -",
		"JOURNAL OFFICIEL SYNTHÉTIQUE 13\nDeuxième page de test.\n- 2 -",
		"JOURNAL OFFICIEL SYNTHÉTIQUE 14\nTroisième page de test.\n- 3 -",
	}
	got := ocrDropRunning(pages)
	want := []string{"Première page de test.", "Deuxième page de test.", "Troisième page de test."}
	if !slices.Equal(got, want) {
		t.Errorf("ocrDropRunning = %q, want %q", got, want)
	}
}

func TestOCRResultMark(t *testing.T) {
	d := &Document{Provisions: []Provision{{Number: "1"}, {Number: "2"}}}
	OCRResult{Text: "x"}.Mark(d)
	if d.OCR || d.Provisions[0].OCR || len(d.Notes) != 0 {
		t.Fatalf("a text-layer result marked the document: %+v", d)
	}
	r := OCRResult{Text: "x", Pages: 2, OCRPages: []int{2}, Confidence: []float64{100, 87.5}}
	r.Mark(d)
	r.Mark(d)
	if !d.OCR || !d.Provisions[0].OCR || !d.Provisions[1].OCR {
		t.Errorf("not marked: %+v", d)
	}
	if !slices.Equal(d.OCRConfidence, []float64{100, 87.5}) || !slices.Equal(d.Notes, []string{OCRNote}) {
		t.Errorf("confidence %v, notes %q", d.OCRConfidence, d.Notes)
	}
}

// Without Tesseract a scanned file is reported "à océriser" with the
// command to install it, and the text pages of a mixed file are still read.
func TestOCRUnavailable(t *testing.T) {
	cfg := OCRConfig{Tesseract: filepath.Join(t.TempDir(), "no-tesseract"), CacheDir: "-"}
	if err := OCRAvailable(cfg); !errors.Is(err, ErrNoText) || !strings.Contains(err.Error(), "apt-get install tesseract-ocr tesseract-ocr-fra") {
		t.Errorf("OCRAvailable = %v", err)
	}
	scan := pdfTestWrite(t, "scan.pdf", pdfTestBuild("q 100 0 0 100 72 600 cm /Im1 Do Q\n"))
	_, err := OCRPDF(scan, cfg)
	if !errors.Is(err, ErrNoText) || !strings.Contains(err.Error(), "scan.pdf") || !strings.Contains(err.Error(), "apt-get install tesseract-ocr") {
		t.Errorf("OCRPDF(scan) = %v; want ErrNoText naming the file and the install command", err)
	}
	if !strings.Contains(err.Error(), "à océriser") {
		t.Errorf("error %q does not say « à océriser »", err)
	}
	mixed := pdfTestWrite(t, "mixed.pdf", pdfTestBuild(pdfTestPages[0], "q 100 0 0 100 72 600 cm /Im1 Do Q\n"))
	res, err := OCRPDF(mixed, cfg)
	if err != nil || res.OCR() || !strings.HasPrefix(res.Text, "SYNTHÈSE TEST") || res.Pages != 2 {
		t.Errorf("OCRPDF(mixed) = %+v, %v", res, err)
	}
	// A text PDF needs no OCR at all.
	text := pdfTestWrite(t, "text.pdf", pdfTestBuild(pdfTestPages...))
	res, err = OCRPDF(text, cfg)
	if err != nil || res.Text != pdfTestWant || res.OCR() {
		t.Errorf("OCRPDF(text) = %+v, %v", res, err)
	}
}

// pdfTestScan turns a PDF into an image-only PDF with Ghostscript, at dpi:
// what a scanner gives.
func pdfTestScan(tb testing.TB, in string, dpi int) string {
	tb.Helper()
	gs, err := exec.LookPath("gs")
	if err != nil {
		tb.Skip("gs not found: apt-get install -y ghostscript to make the scanned test PDFs")
	}
	out := strings.TrimSuffix(in, ".pdf") + "-scan.pdf"
	cmd := exec.Command(gs, "-q", "-dNOPAUSE", "-dBATCH", "-dSAFER", "-sDEVICE=pdfimage8",
		"-r"+strconv.Itoa(dpi), "-sOutputFile="+out, in)
	if b, err := cmd.CombinedOutput(); err != nil {
		tb.Fatalf("gs: %v\n%s", err, b)
	}
	return out
}

// TestOCRRenderedScans typesets real corpus texts, turns them into
// image-only PDFs with Ghostscript at 150 and 300 dpi, recognises them and
// measures the words against the source text (LCS over the source words,
// apostrophes and guillemet spacing normalised): at least 95%, and the
// articles found in order. Then the same file again comes from the cache.
// Two pages in all, to keep the test short.
func TestOCRRenderedScans(t *testing.T) {
	if err := OCRAvailable(OCRConfig{}); err != nil {
		t.Skipf("OCR unavailable: %v", err)
	}
	dir := t.TempDir()
	cases := []struct {
		src    pdfTestSource
		twoCol bool
		dpi    int
	}{
		{pdfTestCodePenal(t, 4), true, 300},
		{pdfTestFedlex(t, 3), false, 150},
	}
	for _, c := range cases {
		name := c.src.name + "-scan" + strconv.Itoa(c.dpi)
		t.Run(name, func(t *testing.T) {
			typeset := pdfTestGroff(t, dir, name, c.src.text, c.twoCol)
			scan := pdfTestScan(t, typeset, c.dpi)
			if _, err := ExtractPDF(scan); !errors.Is(err, ErrNoText) {
				t.Fatalf("the scan has a text layer: ExtractPDF err = %v", err)
			}
			var progress atomic.Int32
			cfg := OCRConfig{CacheDir: filepath.Join(dir, "cache"), Progress: func(done, total int) { progress.Store(int32(done)) }}
			start := time.Now()
			res, err := OCRPDF(scan, cfg)
			if err != nil {
				t.Fatalf("OCRPDF: %v", err)
			}
			elapsed := time.Since(start)
			agreement, lcs, n := pdfTestSourceAgreement(res.Text, c.src.text)
			t.Logf("%s: %d page(s) at %d dpi, agreement with the source text %.4f (LCS %d / %d source words), confidence %v, %.1f s/page",
				name, res.Pages, c.dpi, agreement, lcs, n, res.Confidence, elapsed.Seconds()/float64(res.Pages))
			if agreement < 0.95 {
				t.Errorf("agreement %.4f < 0.95\n%s", agreement, res.Text)
			}
			if !res.OCR() || len(res.OCRPages) != res.Pages || int(progress.Load()) != res.Pages {
				t.Errorf("OCRPages %v of %d pages, progress %d", res.OCRPages, res.Pages, progress.Load())
			}
			d := &Document{Kind: KindCode, Language: "fr", Source: name}
			d.parseBlocks(textBlocks(res.Text), nil)
			res.Mark(d)
			if got := pdfTestTextProvisions(d); !slices.Equal(got, c.src.articles) {
				t.Errorf("provisions %q, want %q\n%s", got, c.src.articles, res.Text)
			}
			if len(d.Provisions) == 0 || !d.Provisions[0].OCR || !d.OCR {
				t.Errorf("provisions not marked as OCR")
			}

			start = time.Now()
			again, err := OCRPDF(scan, cfg)
			if err != nil || !again.Cached || again.Text != res.Text {
				t.Errorf("second OCRPDF: cached %v, same text %v, err %v", again.Cached, again.Text == res.Text, err)
			}
			t.Logf("%s: from the cache in %v", name, time.Since(start).Round(time.Millisecond))
		})
	}
	entries, _ := filepath.Glob(filepath.Join(dir, "cache", "*", "*.json"))
	if len(entries) != len(cases) {
		t.Errorf("cache files %q, want %d", entries, len(cases))
	}
}
