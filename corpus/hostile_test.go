package corpus

import (
	"bytes"
	"compress/lzw"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

// Every file of this test is SYNTHETIC, written by the test into a temporary
// folder: made-up sentences that say so, marker words that exist nowhere
// else, broken or hostile bytes. No legal text.

// hostilePDF writes a minimal PDF 1.4 with one page: content is its content
// stream, encoded with filter ("" or "LZWDecode"); the page's resources are
// /F1 Helvetica and /Im1, a 1×1 grey image.
func hostilePDF(content, filter string) []byte {
	data := []byte(content)
	dict := ""
	if filter == "LZWDecode" {
		var b bytes.Buffer
		w := lzw.NewWriter(&b, lzw.MSB, 8)
		w.Write(data)
		w.Close()
		data = b.Bytes()
		dict = " /Filter /LZWDecode /DecodeParms << /EarlyChange 0 >>"
	}
	objs := []string{
		"<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
		"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 5 0 R " +
			"/Resources << /Font << /F1 4 0 R >> /XObject << /Im1 6 0 R >> >> >>",
		"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
		fmt.Sprintf("<<%s /Length %d >>\nstream\n%s\nendstream", dict, len(data), data),
		"<< /Type /XObject /Subtype /Image /Width 1 /Height 1 /ColorSpace /DeviceGray /BitsPerComponent 8 /Length 1 >>\nstream\n\x80\nendstream",
	}
	return pdfAssemble(objs, 1, "")
}

// hostileBigScan is an image-only PDF of at least size bytes: one page
// drawing one grey image whose samples are pseudo-random bytes.
func hostileBigScan(size int) []byte {
	const side = 4096
	h := size/side + 1
	img := bytes.Repeat(hostileJunk(3, side), h)
	var b bytes.Buffer
	b.WriteString("%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
	var offsets []int
	obj := func(body string, stream []byte) {
		offsets = append(offsets, b.Len())
		fmt.Fprintf(&b, "%d 0 obj\n%s\n", len(offsets), body)
		if stream != nil {
			b.WriteString("stream\n")
			b.Write(stream)
			b.WriteString("\nendstream\n")
		}
		b.WriteString("endobj\n")
	}
	content := "q 595 0 0 842 0 0 cm /Im1 Do Q\n"
	obj("<< /Type /Catalog /Pages 2 0 R >>", nil)
	obj("<< /Type /Pages /Kids [3 0 R] /Count 1 >>", nil)
	obj("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /XObject << /Im1 5 0 R >> >> >>", nil)
	obj(fmt.Sprintf("<< /Length %d >>", len(content)), []byte(content))
	obj(fmt.Sprintf("<< /Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace /DeviceGray /BitsPerComponent 8 /Length %d >>", side, h, len(img)), img)
	xref := b.Len()
	fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f \n", len(offsets)+1)
	for _, off := range offsets {
		fmt.Fprintf(&b, "%010d 00000 n \n", off)
	}
	fmt.Fprintf(&b, "trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n", len(offsets)+1, xref)
	return b.Bytes()
}

// hostileText is a content stream showing each line with /F1 (ASCII only).
func hostileText(lines ...string) string {
	var b strings.Builder
	b.WriteString("BT /F1 12 Tf 72 760 Td 16 TL\n")
	for _, l := range lines {
		fmt.Fprintf(&b, "(%s) Tj T*\n", l)
	}
	b.WriteString("ET\n")
	return b.String()
}

// hostileJunk returns n deterministic pseudo-random bytes, NULs included.
func hostileJunk(seed uint64, n int) []byte {
	r := rand.New(rand.NewPCG(seed, seed^0x5eed))
	b := make([]byte, n)
	for i := range b {
		b[i] = byte(r.Uint32())
	}
	b[0], b[n/2] = 0, 0
	return b
}

// hostileCase is one file and what LoadDir must make of it.
type hostileCase struct {
	rel  string
	data []byte
	// codes accepted when the file is skipped; nil: it must load.
	codes []string
	// mayLoad: loading is also right, provided check passes.
	mayLoad bool
	// check inspects the text of a loaded file (nil: none).
	check func(t *testing.T, text string)
}

// Marker words, found nowhere but in this test's files.
const (
	hostileGoodMarkA = "zorglubienne"
	hostileGoodMarkB = "quetzalcoatlite"
	hostileGoodMarkC = "brontosaurique"
)

// reExecutable matches markup a browser would run or load if the text were
// ever written unescaped: tags and event-handler attributes. A plain
// "javascript:" in text is harmless once escaped and is not matched.
var reExecutable = regexp.MustCompile(`(?i)<\s*/?\s*(script|img|iframe|object|embed|svg|a\s|style|div)|\son\w+\s*=`)

func hostileCases(t *testing.T) []hostileCase {
	validPDF := hostilePDF(hostileText("Decision synthetique de test", "Texte synthetique "+hostileGoodMarkC+" sans valeur juridique."), "")
	hasText := func(words ...string) func(t *testing.T, text string) {
		return func(t *testing.T, text string) {
			for _, w := range words {
				if !strings.Contains(text, w) {
					t.Errorf("text lacks %q: %.300q", w, text)
				}
			}
		}
	}
	noExecutable := func(t *testing.T, text string) {
		if m := reExecutable.FindString(text); m != "" {
			t.Errorf("indexed text keeps executable markup %q: %.300q", m, text)
		}
	}
	validText := func(t *testing.T, text string) {
		if !utf8.ValidString(text) {
			t.Errorf("text is not valid UTF-8: %.200q", text)
		}
	}
	var deep strings.Builder
	deep.WriteString("<!doctype html><html lang=fr><head><title>Page synthétique profonde</title></head><body><p>Surface synthétique.</p>")
	deep.WriteString(strings.Repeat("<div>", 100_000))
	deep.WriteString("Fond synthétique.")
	deep.WriteString(strings.Repeat("</div>", 100_000))
	deep.WriteString("</body></html>")
	// windows-1252 bytes only (ASCII and 0xE8 è, 0xE9 é).
	late := "<!doctype html><html><head><title>Page synthetique</title>" +
		"<!-- " + strings.Repeat("commentaire synthetique de remplissage ", 60) + " -->" +
		`<meta charset="windows-1252"></head><body><p>Texte synth` + "\xe9" + `tique tardif, mot rep` + "\xe8" + `re hostiletardif.</p></body></html>`
	wrong := `<!doctype html><html><head><meta charset="utf-8"><title>Page synth` + "\xe9" + `tique</title></head>` +
		`<body><p>D` + "\xe9" + `claration fausse, texte synth` + "\xe9" + `tique, mot rep` + "\xe8" + `re hostilefaux.</p></body></html>`
	invalidUTF8 := "Texte synthétique valide, puis des octets invalides : \xff\xfe\xc3 \xe2\x82 fin, mot repère hostileinvalide.\n"
	script := strings.Join([]string{
		"# Note synthétique avec du balisage hostile",
		"",
		"<script>alert('synthétique')</script>",
		"",
		"## Article 1",
		"",
		"Texte synthétique <script>alert(1)</script> avec un [lien](javascript:alert(1)), un [autre](&#106;avascript&#58;alert(2)),",
		"un [troisième](jav&#x61;script:alert(3)), <a href=\"javascript:alert(4)\">une ancre</a>, <img src=x onerror=alert(5)>",
		"et <javascript:alert(6)>. Mot repère hostilemarkdown.",
		"",
		"<iframe src=\"javascript:alert(7)\"></iframe>",
		"",
		"## Article 2",
		"",
		"<div onclick=\"alert(8)\">Bloc HTML synthétique.</div>",
		"",
	}, "\n")

	cases := []hostileCase{
		// Good files: short synthetic texts, names with spaces and accents.
		{rel: "bons/Note synthétique n° 1 (été).md", data: []byte("# Note synthétique de test A\n\n## Article premier\n\n" +
			"Ceci est un texte synthétique de test, sans valeur juridique. Mot repère : " + hostileGoodMarkA + ".\n\n## Article 2\n\nDeuxième article synthétique.\n"),
			check: hasText(hostileGoodMarkA)},
		{rel: "bons/texte synthétique à lire.txt", data: []byte("TEXTE SYNTHÉTIQUE DE TEST B\n\nArticle 1\n\n" +
			"Phrase synthétique sans valeur juridique, mot repère " + hostileGoodMarkB + ".\n"),
			check: hasText(hostileGoodMarkB)},
		{rel: "bons/Décision synthétique n° 3.pdf", data: validPDF, check: hasText(hostileGoodMarkC)},

		// Broken PDFs.
		{rel: "pdf/tronqué.pdf", data: validPDF[:len(validPDF)/2], codes: []string{"corrupt"}},
		{rel: "pdf/filtre-lzw.pdf", data: hostilePDF(hostileText("Texte synthetique compresse en LZW, hostilelzw."), "LZWDecode"),
			codes: []string{"unsupported"}, mayLoad: true, check: hasText("hostilelzw")},
		{rel: "pdf/opérateur-invalide.pdf", data: hostilePDF(hostileText("Texte synthetique lisible, hostileoperateur.")+
			"BT /F1 12 Tf 72 500 Td 1 2 3 zzbogus @@ (apres) Tj 9 QQ ET\n", ""),
			codes: []string{"corrupt", "no-text"}, mayLoad: true, check: hasText("hostileoperateur")},
		{rel: "pdf/image-seule.pdf", data: hostilePDF("q 100 0 0 100 72 600 cm /Im1 Do Q\n", ""), codes: []string{"no-text"}},
		{rel: "pdf/binaire.pdf", data: hostileJunk(1, 64<<10), codes: []string{"corrupt"}},

		// Zero-byte files.
		{rel: "vides/vide.pdf", data: nil, codes: []string{"empty"}},
		{rel: "vides/vide.html", data: nil, codes: []string{"empty"}},
		{rel: "vides/vide.md", data: nil, codes: []string{"empty"}},
		{rel: "vides/vide.txt", data: nil, codes: []string{"empty"}},

		// Junk and hostile HTML.
		{rel: "html/binaire.html", data: hostileJunk(2, 64<<10), codes: []string{"corrupt", "unsupported"}},
		{rel: "html/profond.html", data: []byte(deep.String()), codes: []string{"corrupt"}, mayLoad: true, check: hasText("Surface synthétique")},
		{rel: "html/charset-tardif.html", data: []byte(late), check: func(t *testing.T, text string) {
			validText(t, text)
			hasText("synthétique tardif", "hostiletardif")(t, text)
		}},
		// Declared UTF-8, written in windows-1252: the accents must come
		// back (as text files fall back to windows-1252), not as U+FFFD.
		{rel: "html/charset-faux.html", data: []byte(wrong), check: func(t *testing.T, text string) {
			validText(t, text)
			hasText("hostilefaux", "Déclaration fausse, texte synthétique")(t, text)
		}},
		// UTF-8 with a few invalid bytes: the valid text must stay as it is,
		// not be re-read as windows-1252 ("synthÃ©tique").
		{rel: "texte/utf8-invalide.txt", data: []byte(invalidUTF8), check: func(t *testing.T, text string) {
			validText(t, text)
			hasText("hostileinvalide", "Texte synthétique valide")(t, text)
		}},
		{rel: "md/balisage hostile.md", data: []byte(script), check: func(t *testing.T, text string) {
			noExecutable(t, text)
			hasText("hostilemarkdown", "Bloc HTML synthétique")(t, text)
		}},

		// 50 MB: a scan, one page drawing a 50 MB image.
		{rel: "gros/scan synthétique de 50 Mo.pdf", data: hostileBigScan(50 << 20), codes: []string{"no-text"}},
	}

	// A PDF that needs a user password, from qpdf when it is installed.
	if qpdf, err := exec.LookPath("qpdf"); err == nil {
		dir := t.TempDir()
		in, out := filepath.Join(dir, "in.pdf"), filepath.Join(dir, "out.pdf")
		if err := os.WriteFile(in, validPDF, 0o644); err != nil {
			t.Fatal(err)
		}
		// qpdf exits 3 when it had to repair the input: still written.
		cmd := exec.Command(qpdf, "--encrypt", "synthetic-user", "synthetic-owner", "256", "--", in, out)
		if b, err := cmd.CombinedOutput(); err != nil && cmd.ProcessState.ExitCode() != 3 {
			t.Fatalf("qpdf: %v\n%s", err, b)
		}
		enc, err := os.ReadFile(out)
		if err != nil {
			t.Fatal(err)
		}
		cases = append(cases, hostileCase{rel: "pdf/mot de passe.pdf", data: enc, codes: []string{"encrypted"}})
	} else {
		t.Log("qpdf absent: the user-password PDF case is skipped")
	}
	return cases
}

// TestHostileInput is issue 6, "Bad input": LoadDir over hostile and broken
// files completes without panicking; each bad file is reported with a code
// and a reason, or loaded safely when it is legitimately text; every good
// file is loaded.
func TestHostileInput(t *testing.T) {
	root := t.TempDir()
	cases := hostileCases(t)
	for _, c := range cases {
		p := filepath.Join(root, filepath.FromSlash(c.rel))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, c.data, 0o644); err != nil {
			t.Fatal(err)
		}
	}

	start := time.Now()
	done := make(chan struct{})
	var (
		rep *Report
		err error
	)
	go func() {
		defer close(done)
		rep, err = LoadDir(root, Options{})
	}()
	select {
	case <-done:
	case <-time.After(2 * time.Minute):
		t.Fatal("LoadDir did not finish within 2 minutes")
	}
	t.Logf("LoadDir over %d hostile files: %s", len(cases), time.Since(start).Round(time.Millisecond))
	if err != nil {
		t.Fatalf("LoadDir: %v", err)
	}
	if rep.FilesSeen != len(cases) {
		t.Errorf("FilesSeen = %d, want %d", rep.FilesSeen, len(cases))
	}

	docs := map[string][]*Document{}
	for _, d := range rep.Documents {
		docs[d.Source] = append(docs[d.Source], d)
	}
	skipped := map[string]Skipped{}
	for _, s := range rep.Skipped {
		skipped[s.Path] = s
		if strings.Contains(s.Reason, "erreur interne du chargeur") {
			t.Errorf("%s: a loader panicked (recovered): %s", s.Path, s.Reason)
		}
	}
	for _, c := range cases {
		t.Run(strings.ReplaceAll(c.rel, "/", "_"), func(t *testing.T) {
			ds, loaded := docs[c.rel]
			s, isSkipped := skipped[c.rel]
			switch {
			case loaded && isSkipped:
				t.Fatalf("both loaded and skipped (%s: %s)", s.Code, s.Reason)
			case !loaded && !isSkipped:
				t.Fatal("neither loaded nor reported as skipped: lost")
			case isSkipped:
				if c.codes == nil {
					t.Fatalf("a good file was skipped: %s: %s", s.Code, s.Reason)
				}
				if !slices.Contains(c.codes, s.Code) {
					t.Errorf("skipped with code %q (%s), want one of %v", s.Code, s.Reason, c.codes)
				}
				if strings.TrimSpace(s.Reason) == "" {
					t.Error("skipped without a reason")
				}
				t.Logf("skipped: %s: %s", s.Code, s.Reason)
			case loaded:
				if c.codes != nil && !c.mayLoad {
					t.Fatalf("a bad file was loaded as %d document(s) (%q…); want it skipped with one of %v",
						len(ds), hostileTruncate(hostileAllText(ds), 120), c.codes)
				}
				text := hostileAllText(ds)
				for _, d := range ds {
					if d.ID == "" || !hostileDocID.MatchString(d.ID) {
						t.Errorf("document id %q is not [a-z0-9-]+", d.ID)
					}
				}
				if c.check != nil {
					c.check(t, text)
				}
				t.Logf("loaded: %d document(s), %d provision(s), %d bytes of text: %q", len(ds), hostileProvisions(ds), len(text), hostileTruncate(text, 200))
			}
		})
	}
}

var hostileDocID = regexp.MustCompile(`^[a-z0-9-]+$`)

// hostileAllText is every text of the documents: titles, preamble, provisions.
func hostileAllText(ds []*Document) string {
	var b strings.Builder
	for _, d := range ds {
		b.WriteString(d.Title)
		b.WriteString("\n")
		b.WriteString(d.Preamble)
		b.WriteString("\n")
		for _, p := range d.Provisions {
			b.WriteString(p.Heading)
			b.WriteString("\n")
			b.WriteString(p.Text)
			b.WriteString("\n")
		}
	}
	return b.String()
}

func hostileProvisions(ds []*Document) int {
	n := 0
	for _, d := range ds {
		n += len(d.Provisions)
	}
	return n
}

func hostileTruncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n]
}

// FuzzLoadFile feeds arbitrary bytes to the loaders of untrusted text
// formats (HTML, Markdown, plain text, Judilibre JSON) through loadFile, the
// dispatcher without LoadDir's panic recovery, so that a panic fails.
// A loaded document must have a valid id and valid UTF-8 text, and unique
// provision anchors.
func FuzzLoadFile(f *testing.F) {
	exts := []string{".html", ".md", ".txt", ".json", ""}
	f.Add([]byte("<!doctype html><html lang=fr><body><h1>Titre synthétique</h1><p>Article 1</p><p>Texte synthétique.</p></body></html>"), uint8(0))
	f.Add([]byte(`<meta charset="windows-1252"><p>Synth`+"\xe9"+`tique</p>`), uint8(0))
	f.Add([]byte("# Note synthétique\n\n## Article premier\n\nTexte <script>x</script> [l](javascript:x).\n\n## Article 1er\n\nDoublon.\n"), uint8(1))
	f.Add([]byte("---\ntitle: synthétique\n---\n# T\n\n<details>\n\nnote\n</details>\n"), uint8(1))
	f.Add([]byte("TEXTE SYNTHÉTIQUE\n\nArticle 1\nUn.\n\nArticle 1\nDeux.\n\xff\xfe"), uint8(2))
	f.Add([]byte(`{"text":"Texte synthétique.","id":"synthetique"}`), uint8(3))
	f.Add([]byte(`{"results":[{"id":"a"},null]}`), uint8(3))
	f.Add([]byte("%PDF-1.4 synthétique"), uint8(4))
	// Found by this fuzzer: UTF-8 text ending in a truncated sequence kept
	// its raw byte ("\xc3") in the HTML loader's text.
	f.Add([]byte("0000000000000000000000000000000é0000000000000000000000000000000000000\xc3"), uint8(0))
	dir := f.TempDir()
	f.Fuzz(func(t *testing.T, data []byte, kind uint8) {
		ext := exts[int(kind)%len(exts)]
		rel := "fuzz/synthetique" + ext
		abs := filepath.Join(dir, "synthetique"+ext)
		if err := os.WriteFile(abs, data, 0o644); err != nil {
			t.Fatal(err)
		}
		docs, err := loadFile(unit{rel: rel, abs: abs, files: 1}, nil, OCRConfig{Disabled: true})
		if err != nil {
			return
		}
		for _, d := range docs {
			finish(d, unit{rel: rel, abs: abs, files: 1}, nil)
			if !hostileDocID.MatchString(d.ID) {
				t.Errorf("document id %q", d.ID)
			}
			if text := hostileAllText([]*Document{d}); !utf8.ValidString(text) {
				t.Errorf("invalid UTF-8 in %q", hostileTruncate(text, 200))
			}
			anchors := map[string]bool{}
			for _, p := range d.Provisions {
				if p.Anchor == "" || anchors[p.Anchor] {
					t.Errorf("empty or duplicate anchor %q", p.Anchor)
				}
				anchors[p.Anchor] = true
			}
		}
	})
}
