package corpus

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestLoadEdgeCases: id collisions after suffixing, UTF-16 text, invalid
// sidecar codes, symlinks and an index folder inside the corpus. All
// files are synthetic.
func TestLoadEdgeCases(t *testing.T) {
	root := t.TempDir()
	write := func(rel string, data []byte) {
		t.Helper()
		p := filepath.Join(root, rel)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	text := []byte("Texte synthétique de test.\n\nArticle 1\n\nContenu synthétique.\n")
	write("foo.md", text)
	write("Foo.md", text)
	write("foo-2.md", text)
	// "Texte synthétique é" in UTF-16 LE with its byte order mark.
	u16 := []byte{0xFF, 0xFE}
	for _, r := range "Texte synthétique é" {
		u16 = append(u16, byte(r), byte(r>>8))
	}
	write("unicode.txt", u16)
	write("bad.txt", text)
	write("bad.txt.meta.yaml", []byte("jurisdiction: ../../x\ndate: 2012-13-45\n"))
	write("idx/parse-cache/x.json.gz", []byte("synthétique"))
	if err := os.Symlink(filepath.Join(root, "foo.md"), filepath.Join(root, "lien.md")); err != nil {
		t.Fatal(err)
	}
	rep, err := LoadDir(root, Options{OCR: OCRConfig{Disabled: true}})
	if err != nil {
		t.Fatal(err)
	}
	ids := map[string]string{}
	for _, d := range rep.Documents {
		if other, dup := ids[d.ID]; dup {
			t.Errorf("id %s for %s and %s", d.ID, other, d.Source)
		}
		ids[d.ID] = d.Source
		if d.Source == "unicode.txt" && !strings.Contains(d.Preamble+d.Title, "Texte synthétique é") {
			t.Errorf("UTF-16 text not decoded: %q", d.Title)
		}
	}
	if len(ids) != 5 { // foo, Foo, foo-2, unicode, bad (indexed without its invalid metadata)
		t.Errorf("documents %v", ids)
	}
	reasons := map[string]string{}
	for _, s := range append(rep.Skipped, rep.Warnings...) {
		reasons[s.Path] = s.Reason
		if strings.Contains(s.Reason, root) {
			t.Errorf("reason shows the server path: %s", s.Reason)
		}
	}
	for _, want := range []string{"bad.txt", "lien.md", "idx"} {
		if reasons[want] == "" {
			t.Errorf("%s not reported (skipped and warnings: %v)", want, reasons)
		}
	}
	if !strings.Contains(reasons["bad.txt"], "jurisdiction") || !strings.Contains(reasons["bad.txt"], "ce jour n'existe pas") {
		t.Errorf("bad sidecar reason: %q", reasons["bad.txt"])
	}
}
