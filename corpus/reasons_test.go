package corpus

import (
	"bytes"
	"compress/zlib"
	"errors"
	"fmt"
	"strings"
	"testing"
	"unicode/utf16"
)

// Synthetic inputs only: generated PDFs and made-up sentences.

// flatePDF is a one-page PDF whose content stream is content, Flate-encoded.
func flatePDF(content []byte) []byte {
	var b bytes.Buffer
	w, _ := zlib.NewWriterLevel(&b, zlib.BestCompression)
	w.Write(content)
	w.Close()
	objs := []string{
		"<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
		"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>",
		fmt.Sprintf("<< /Filter /FlateDecode /Length %d >>\nstream\n%s\nendstream", b.Len(), b.Bytes()),
	}
	return pdfAssemble(objs, 1, "")
}

func TestReasonsAreFrenchAndPrecise(t *testing.T) {
	old := pdfMaxDecoded
	pdfMaxDecoded = 1 << 20
	defer func() { pdfMaxDecoded = old }()
	dir := t.TempDir()
	good := hostilePDF("BT /F1 12 Tf 72 700 Td (Phrase synthetique de test.) Tj ET", "")
	write(t, dir, "tronque.pdf", string(good[:len(good)/2]))
	write(t, dir, "faux.pdf", "Ceci n'est pas un PDF, texte synthétique.\n")
	write(t, dir, "bombe.pdf", string(flatePDF(bytes.Repeat([]byte(" "), 3<<20))))
	write(t, dir, "scan.pdf", string(hostilePDF("", "")))
	// synthetic JSON: UTF-16, broken syntax, a field of the wrong type, cut short
	write(t, dir, "utf16.json", "\xff\xfe\x00\x00")
	write(t, dir, "syntaxe.json", "{\n \"a\": [1,\n}")
	write(t, dir, "type.json", `{"text": 3}`)
	write(t, dir, "coupe.json", `{"text": "Texte synthétique`)
	rep, err := LoadDir(dir, Options{OCR: OCRConfig{Disabled: true}})
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]Skipped{}
	for _, s := range rep.Skipped {
		got[s.Path] = s
	}
	want := map[string]struct{ code, text string }{
		"tronque.pdf":  {"corrupt", "PDF"},
		"faux.pdf":     {"corrupt", "pas un fichier PDF"},
		"bombe.pdf":    {"corrupt", "PDF anormal : flux décompressé trop grand"},
		"scan.pdf":     {"no-text", "reconnaissance de caractères désactivée"},
		"utf16.json":   {"corrupt", "l'enregistrer en UTF-8"},
		"syntaxe.json": {"corrupt", "syntaxe incorrecte ligne 3, colonne 1"},
		"type.json":    {"corrupt", "le champ « text » n'a pas le type attendu (nombre au lieu de texte)"},
		"coupe.json":   {"corrupt", "fichier tronqué"},
	}
	for p, w := range want {
		s, ok := got[p]
		if !ok {
			t.Errorf("%s not skipped", p)
			continue
		}
		t.Logf("%s: %s: %s", p, s.Code, s.Reason)
		if s.Code != w.code || !strings.Contains(s.Reason, w.text) {
			t.Errorf("%s: %s %q, want %s containing %q", p, s.Code, s.Reason, w.code, w.text)
		}
		for _, en := range []string{"malformed", "not a PDF", "without text", "turned off", "reading at offset", "library", "invalid character", "looking for", "unexpected", "cannot unmarshal"} {
			if strings.Contains(s.Reason, en) {
				t.Errorf("%s: English in reason %q", p, s.Reason)
			}
		}
		if strings.Contains(s.Reason, "\n") {
			t.Errorf("%s: multi-line reason %q", p, s.Reason)
		}
	}
}

func TestPDFLibraryMessages(t *testing.T) {
	for in, want := range map[string]string{
		"malformed PDF: reading at offset 1234: EOF": "PDF mal formé : fin de fichier inattendue (lecture à l'octet 1234), fichier tronqué ?",
		"not a PDF file: missing %%EOF":              "pas un fichier PDF complet : marque de fin %%EOF absente (fichier tronqué ?)",
		"something\nnew":                             "PDF illisible (something new)",
	} {
		if got := pdfLibraryMessage(in); got != want {
			t.Errorf("%q → %q, want %q", in, got, want)
		}
	}
	if r := skipReason(errors.New("ligne 1\nligne 2"), unit{rel: "x"}); r != "ligne 1 ligne 2" {
		t.Errorf("skipReason = %q", r)
	}
}

func TestUTF16WithoutBOM(t *testing.T) {
	text := "Texte synthétique enregistré en UTF-16 sans BOM.\r\nDeuxième ligne synthétique, à lire.\r\n"
	u := utf16.Encode([]rune(text))
	le, be := make([]byte, 2*len(u)), make([]byte, 2*len(u))
	for i, c := range u {
		le[2*i], le[2*i+1] = byte(c), byte(c>>8)
		be[2*i], be[2*i+1] = byte(c>>8), byte(c)
	}
	dir := t.TempDir()
	write(t, dir, "le.txt", string(le))
	write(t, dir, "be.txt", string(be))
	rep, err := LoadDir(dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Documents) != 2 {
		t.Fatalf("documents %d, skipped %+v", len(rep.Documents), rep.Skipped)
	}
	for _, d := range rep.Documents {
		all := d.Title + " " + d.Preamble
		if !strings.Contains(all, "Deuxième ligne synthétique") {
			t.Errorf("%s: text %q", d.Source, all)
		}
	}
}
