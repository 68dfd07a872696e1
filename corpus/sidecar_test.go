package corpus

import (
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"
)

// Synthetic files only: placeholders, not legal texts.

func TestSidecarFrenchKeysAndUnknownKeys(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, "texte.txt", "Texte synthétique.\n")
	write(t, dir, "texte.meta.yaml", "titre: Titre synthétique\njuridiction: ml\ntype: loi\nlangue: fr\nnuméro: 2099-001\ndate: 2099-01-02\njuridicton: ml\ntitel: x\nfoo_bar_baz: 1\n")
	rep, err := LoadDir(dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Documents) != 1 {
		t.Fatalf("documents %d, skipped %+v", len(rep.Documents), rep.Skipped)
	}
	d := rep.Documents[0]
	if d.Title != "Titre synthétique" || d.Jurisdiction != "ml" || d.Kind != KindLoi || d.Language != "fr" || d.Number != "2099-001" || d.Date != "2099-01-02" {
		t.Errorf("French keys not applied: %+v", d)
	}
	var reasons []string
	for _, w := range rep.Warnings {
		reasons = append(reasons, w.Reason)
	}
	all := strings.Join(reasons, "\n")
	for _, want := range []string{
		"clé inconnue « juridicton », ignorée : voulez-vous dire « jurisdiction » ?",
		"clé inconnue « titel », ignorée : voulez-vous dire « title » ?",
		"clé inconnue « foo_bar_baz », ignorée",
		"date \"2099-01-02\" postérieure à aujourd'hui",
	} {
		if !strings.Contains(all, want) {
			t.Errorf("warnings lack %q:\n%s", want, all)
		}
	}
}

func TestMetaFutureDates(t *testing.T) {
	now := time.Date(2026, 11, 29, 12, 0, 0, 0, time.UTC)
	m := &Meta{Date: "2026-11", Languages: map[string]*Meta{"en": {Date: "2027"}, "fr": {Date: "2026-11-30"}, "nl": {Date: "2026-11-29"}}}
	got := m.futureDates(now, "")
	want := []string{
		"languages.en.date \"2027\" postérieure à aujourd'hui (2026-11-29) : à vérifier",
		"languages.fr.date \"2026-11-30\" postérieure à aujourd'hui (2026-11-29) : à vérifier",
	}
	if !slices.Equal(got, want) {
		t.Errorf("futureDates = %q, want %q", got, want)
	}
}

func TestSidecarReportsAllErrorsAtOnce(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, "texte.txt", "Texte synthétique.\n")
	write(t, dir, "texte.meta.yaml", "kind: roman\njurisdiction: Mali\ndate: 12/07/2099\nlanguage: français\ntitle: Titre synthétique\n")
	write(t, dir, "jour.txt", "Texte synthétique.\n")
	write(t, dir, "jour.meta.yaml", "date: 2024-02-31\ntype: Loi\njuridiction: ML\n")
	write(t, dir, "casse.txt", "Texte synthétique.\n")
	write(t, dir, "casse.meta.yaml", "title: [pas fermé\n")
	rep, err := LoadDir(dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	// nothing in a sidecar keeps a text out of the index
	if len(rep.Skipped) != 0 || len(rep.Documents) != 3 {
		t.Fatalf("skipped %+v, %d documents", rep.Skipped, len(rep.Documents))
	}
	warn := map[string]string{}
	for _, w := range rep.Warnings {
		warn[w.Path] += w.Reason
		if strings.Contains(w.Reason, "\n") {
			t.Errorf("multi-line reason %q", w.Reason)
		}
	}
	for path, wants := range map[string][]string{
		"texte.txt": {"kind \"roman\"", "jurisdiction \"Mali\"", "date \"12/07/2099\" : attendu AAAA-MM-JJ", "language \"français\"", "valeur(s) ignorée(s)"},
		"jour.txt":  {"date \"2024-02-31\" : ce jour n'existe pas"},
		"casse.txt": {"YAML invalide", "fichier ignoré, le texte est indexé sans lui"},
	} {
		for _, want := range wants {
			if !strings.Contains(warn[path], want) {
				t.Errorf("%s: warnings lack %q: %q", path, want, warn[path])
			}
		}
	}
	for _, d := range rep.Documents {
		switch d.Source {
		case "texte.txt":
			if d.Title != "Titre synthétique" || d.Kind == "roman" || d.Jurisdiction == "Mali" {
				t.Errorf("valid values not kept or invalid ones applied: %+v", d)
			}
		case "jour.txt":
			if d.Date != "" || d.Kind != KindLoi || d.Jurisdiction != "ml" {
				t.Errorf("jour.txt: date %q kind %q jurisdiction %q", d.Date, d.Kind, d.Jurisdiction)
			}
		}
	}
}

func TestOrphanSidecarAndSpecialFilesReported(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, "present.txt", "Texte synthétique.\n")
	write(t, dir, "present.meta.yaml", "title: x\n")
	write(t, dir, "doc.pdf.meta.yaml", "title: y\n") // orphan: no doc.pdf
	write(t, dir, "perdu.meta.yaml", "title: z\n")   // orphan
	if err := syscall.Mkfifo(filepath.Join(dir, "tube.txt"), 0o644); err != nil {
		t.Skip("mkfifo:", err)
	}
	rep, err := LoadDir(dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	for _, s := range rep.Skipped {
		got[s.Path] = s.Reason
	}
	for p, want := range map[string]string{
		"doc.pdf.meta.yaml": "métadonnées orphelines",
		"perdu.meta.yaml":   "métadonnées orphelines",
		"tube.txt":          "tube nommé",
	} {
		if !strings.Contains(got[p], want) {
			t.Errorf("%s: reason %q, want %q", p, got[p], want)
		}
	}
	if _, ok := got["present.meta.yaml"]; ok {
		t.Errorf("sidecar with its file reported: %v", got)
	}
}

func TestSpecialFileInFolderDocumentReported(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, "code-synthetique/README.md", "# Code synthétique\n\n- [Article 1](article-1.md)\n")
	write(t, dir, "code-synthetique/article-1.md", "# Article 1\n\nPhrase synthétique.\n")
	if err := syscall.Mkfifo(filepath.Join(dir, "code-synthetique", "tube"), 0o644); err != nil {
		t.Skip("mkfifo:", err)
	}
	rep, err := LoadDir(dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range rep.Skipped {
		if s.Path == "code-synthetique/tube" && strings.Contains(s.Reason, "tube nommé") {
			return
		}
	}
	t.Errorf("FIFO in a folder document not reported: %+v", rep.Skipped)
}

// TestSameTextWarned: the same text under two names is indexed and
// reported. Synthetic text.
func TestSameTextWarned(t *testing.T) {
	dir := t.TempDir()
	text := strings.Repeat("Texte synthétique de test, pas du droit. ", 10) + "\n"
	write(t, dir, "un.txt", text)
	write(t, dir, "copie.txt", text)
	write(t, dir, "autre.txt", strings.Repeat("Autre texte synthétique de test. ", 10)+"\n")
	rep, err := LoadDir(dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Documents) != 3 {
		t.Fatalf("%d documents", len(rep.Documents))
	}
	var got []string
	for _, w := range rep.Warnings {
		if w.Code == warnSameText {
			got = append(got, w.Path+": "+w.Reason)
		}
	}
	if len(got) != 1 || !strings.HasPrefix(got[0], "un.txt: même texte que copie.txt") {
		t.Errorf("same-text warnings = %q", got)
	}
	// merged with another folder, the pair found inside one is reported
	// once, and a copy across folders is reported
	other := t.TempDir()
	write(t, other, "ailleurs.txt", strings.Repeat("Autre texte synthétique de test. ", 10)+"\n")
	rep2, err := LoadDir(other, Options{})
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, w := range MergeReports(rep, rep2).Warnings {
		if w.Code == warnSameText {
			n++
		}
	}
	if n != 2 {
		t.Errorf("merged same-text warnings: %d, want 2 (one inside a folder, one across)", n)
	}
}
