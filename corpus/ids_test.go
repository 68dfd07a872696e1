package corpus

import (
	"strings"
	"testing"
)

// Synthetic files only: the texts are placeholders, not legal texts.

func idsBySource(t *testing.T, rep *Report) map[string]*Document {
	t.Helper()
	out := map[string]*Document{}
	for _, d := range rep.Documents {
		out[d.Source] = d
	}
	return out
}

func TestDerivedIDCollisionDoesNotDependOnOtherFiles(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, "textes/note-a.txt", "Texte synthétique A.\n")
	write(t, dir, "textes/note_a.md", "# Texte synthétique B\n\nContenu synthétique.\n")
	rep, err := LoadDir(dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	before := idsBySource(t, rep)
	a, b := before["textes/note-a.txt"], before["textes/note_a.md"]
	if a.ID != "textes-note-a" || !strings.HasPrefix(b.ID, "textes-note-a-") || len(b.ID) != len("textes-note-a-")+6 {
		t.Fatalf("ids %q, %q", a.ID, b.ID)
	}
	if b.WorkID != b.ID {
		t.Errorf("renamed document keeps work_id %q", b.WorkID)
	}
	if len(rep.Warnings) != 1 || rep.Warnings[0].Code != "duplicate-id" || rep.Warnings[0].Path != "textes/note_a.md" {
		t.Errorf("warnings %+v", rep.Warnings)
	}
	// A third file with the same derived id does not move the others.
	write(t, dir, "textes/note a.html", "<html><body><h1>Texte synthétique C</h1><p>x</p></body></html>")
	rep, err = LoadDir(dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	after := idsBySource(t, rep)
	for src, d := range before {
		if after[src].ID != d.ID {
			t.Errorf("%s: id %q became %q", src, d.ID, after[src].ID)
		}
	}
	if c := after["textes/note a.html"]; c.ID == a.ID || c.ID == b.ID {
		t.Errorf("third file id %q", c.ID)
	}
}

func TestExplicitIDCollisionIsReported(t *testing.T) {
	shared, user := t.TempDir(), t.TempDir()
	write(t, shared, "loi-synthetique.txt", "Loi synthétique.\n")
	write(t, shared, "loi-synthetique.meta.yaml", "id: loi-x\n")
	write(t, user, "mon-texte.txt", "Texte synthétique de l'utilisateur.\n")
	write(t, user, "mon-texte.meta.yaml", "id: loi-x\n")
	write(t, user, "autre.txt", "Autre texte synthétique.\n")
	write(t, user, "autre.meta.yaml", "id: loi-x\n")
	r1, err := LoadDir(shared, Options{})
	if err != nil {
		t.Fatal(err)
	}
	r2, err := LoadDir(user, Options{})
	if err != nil {
		t.Fatal(err)
	}
	rep := MergeReports(r1, r2)
	docs := idsBySource(t, rep)
	if docs["loi-synthetique.txt"].ID != "loi-x" {
		t.Errorf("shared corpus lost its id: %q", docs["loi-synthetique.txt"].ID)
	}
	seen := map[string]bool{}
	for _, d := range rep.Documents {
		if seen[d.ID] {
			t.Errorf("duplicate id %q", d.ID)
		}
		seen[d.ID] = true
		if d.WorkID != d.ID {
			t.Errorf("%s: work_id %q, id %q", d.Source, d.WorkID, d.ID)
		}
		for _, p := range d.Provisions {
			if !strings.HasPrefix(p.ID, d.ID+"/") {
				t.Errorf("provision id %q", p.ID)
			}
		}
	}
	n := 0
	for _, w := range rep.Warnings {
		if w.Code == "duplicate-id" && strings.Contains(w.Reason, "donné par ses métadonnées") {
			n++
		}
	}
	if n != 2 {
		t.Errorf("want 2 explicit-id warnings, got %+v", rep.Warnings)
	}
	// Stable: merging again gives the same ids.
	r1, _ = LoadDir(shared, Options{})
	r2, _ = LoadDir(user, Options{})
	again := idsBySource(t, MergeReports(r1, r2))
	for src, d := range docs {
		if again[src].ID != d.ID {
			t.Errorf("%s: %q then %q", src, d.ID, again[src].ID)
		}
	}
}
