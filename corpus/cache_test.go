package corpus

import (
	"bytes"
	"encoding/json"
	"io/fs"
	"os"
	"path/filepath"
	"testing"
)

// mirror lays out, in a new temporary folder, the given files and folders
// of the shared corpus at the same relative paths, hard-linked where
// possible (nothing is written into the shared corpus).
func mirror(t *testing.T, dst string, rels ...string) {
	t.Helper()
	for _, rel := range rels {
		err := filepath.WalkDir(filepath.Join(corpusRoot, rel), func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			r, _ := filepath.Rel(corpusRoot, p)
			to := filepath.Join(dst, r)
			if d.IsDir() {
				return os.MkdirAll(to, 0o755)
			}
			if err := os.MkdirAll(filepath.Dir(to), 0o755); err != nil {
				return err
			}
			if os.Link(p, to) == nil {
				return nil
			}
			data, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			return os.WriteFile(to, data, 0o644)
		})
		if err != nil {
			t.Fatalf("mirror %s: %v", rel, err)
		}
	}
}

// resolvedJSON loads root (through cache when not nil), resolves citations
// as `lextraite index` does and returns the documents as JSON.
func resolvedJSON(t *testing.T, root string, cache *ParseCache) (*Report, []byte) {
	t.Helper()
	rep, err := LoadDir(root, Options{Overlays: []fs.FS{DefaultOverlay()}, Cache: cache, OCR: OCRConfig{Disabled: true}})
	if err != nil {
		t.Fatal(err)
	}
	Resolve(rep.Documents, DefaultCatalog())
	b, err := json.Marshal(struct {
		Docs    []*Document
		Skipped []Skipped
		Seen    int
	}{rep.Documents, rep.Skipped, rep.FilesSeen})
	if err != nil {
		t.Fatal(err)
	}
	return rep, b
}

func TestParseCache(t *testing.T) {
	if _, err := os.Stat(corpusRoot); err != nil {
		t.Skipf("corpus partagé absent (%s)", corpusRoot)
	}
	root := t.TempDir()
	mirror(t, root,
		"international/cedh-convention-europeenne-droits-homme-fr", // a folder document
		"international/un-trafficking-in-persons-protocol-2000-en-nl.md",
		"national/fr/ceseda-aide-entree-sejour-irreguliers",
		"decisions/fr/judilibre-samples",
	)
	cacheDir := filepath.Join(t.TempDir(), "parse-cache")
	check := func(step string, wantParsed int) {
		t.Helper()
		_, want := resolvedJSON(t, root, nil)
		c := NewParseCache(cacheDir)
		rep, got := resolvedJSON(t, root, c)
		if rep.Parsed != wantParsed {
			t.Errorf("%s: %d unités analysées, %d attendues (%d reprises du cache)", step, rep.Parsed, wantParsed, rep.Cached)
		}
		if !bytes.Equal(got, want) {
			t.Errorf("%s: documents différents avec et sans cache", step)
		}
		if err := c.Prune(); err != nil {
			t.Fatal(err)
		}
		// Documents read back are fresh copies: changing them does not
		// change the next run's.
		for _, d := range rep.Documents {
			d.Title = "modifié"
			if len(d.Provisions) > 0 {
				d.Provisions[0].Text = "modifié"
			}
		}
	}
	first, _ := resolvedJSON(t, root, nil)
	units := first.Parsed
	if units == 0 || len(first.Documents) == 0 {
		t.Fatal("corpus de test vide")
	}
	check("premier passage", units)
	check("second passage", 0)

	mirror(t, root, "international/slavery-convention-1926-en-nl.md")
	check("un fichier ajouté", 1)
	check("après l'ajout", 0)

	// A sidecar changes the metadata: only its file is parsed again.
	side := filepath.Join(root, "international/un-trafficking-in-persons-protocol-2000-en-nl.md.meta.yaml")
	if err := os.WriteFile(side, []byte("notes: [\"note de test\"]\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	check("une fiche de métadonnées ajoutée", 1)

	// A changed file is parsed again; the others are not.
	f := filepath.Join(root, "international/slavery-convention-1926-en-nl.md")
	data, err := os.ReadFile(f)
	if err != nil {
		t.Fatal(err)
	}
	os.Remove(f) // a hard link: never write through it into the shared corpus
	if err := os.WriteFile(f, append(data, []byte("\n\nTexte ajouté.\n")...), 0o644); err != nil {
		t.Fatal(err)
	}
	check("un fichier modifié", 1)

	// A damaged entry is ignored and rewritten.
	var entries []string
	filepath.WalkDir(cacheDir, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			entries = append(entries, p)
		}
		return nil
	})
	if len(entries) != units+1 {
		t.Errorf("%d entrées dans le cache après Prune, %d attendues", len(entries), units+1)
	}
	if err := os.WriteFile(entries[0], []byte("pas du gzip"), 0o644); err != nil {
		t.Fatal(err)
	}
	check("une entrée abîmée", 1)
}
