package main

import (
	"context"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"
)

// TestIndexStale: serve -corpus rebuilds when a file is added (even with
// an old date), removed, or when the index came from other folders or
// another build of lextraite; and
// two corpus folders are indexed together. Synthetic texts only.
func TestIndexStale(t *testing.T) {
	tmp := t.TempDir()
	a, b, idx := filepath.Join(tmp, "a"), filepath.Join(tmp, "b"), filepath.Join(tmp, "index")
	write := func(p, text string) {
		t.Helper()
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write(filepath.Join(a, "un.txt"), "Texte synthétique un.\n\nArticle 1\n\nContenu synthétique alpha.\n")
	write(filepath.Join(b, "deux.txt"), "Texte synthétique deux.\n\nArticle 1\n\nContenu synthétique beta.\n")
	cfg := indexConfig{Corpus: corpusList{a, b}, Index: idx, Quiet: true, NoOCR: true}
	sum, err := buildIndex(context.Background(), cfg, io.Discard)
	if err != nil || sum.stats.Documents != 2 {
		t.Fatalf("build: %v, %+v", err, sum)
	}
	check := func(roots []string, want bool, what string) {
		t.Helper()
		stale, why, err := indexStale(idx, roots, "")
		if err != nil || stale != want {
			t.Errorf("%s: stale %v (%s), err %v; want %v", what, stale, why, err, want)
		}
	}
	check([]string{a, b}, false, "unchanged")
	check([]string{a}, true, "other folders")
	old := filepath.Join(b, "vieux.txt")
	write(old, "Texte synthétique ancien.\n")
	past := time.Date(2001, 1, 1, 0, 0, 0, 0, time.UTC)
	if err := os.Chtimes(old, past, past); err != nil {
		t.Fatal(err)
	}
	check([]string{a, b}, true, "file added with an old date")
	// A broken file (synthetic: not a PDF) in the second folder.
	write(filepath.Join(b, "casse.pdf"), "pas un PDF\n")
	sum, err = buildIndex(context.Background(), cfg, io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	var out strings.Builder
	sum.print(&out)
	for _, want := range []string{
		"Index mis à jour (incrémental)",
		"Documents ajoutés (1) : ", "vieux",
		"  - " + filepath.ToSlash(b) + "/casse.pdf : ",
	} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("summary lacks %q:\n%s", want, out.String())
		}
	}
	check([]string{a, b}, false, "rebuilt")
	if err := os.Remove(old); err != nil {
		t.Fatal(err)
	}
	check([]string{a, b}, true, "file removed")
	if _, err := buildIndex(context.Background(), cfg, io.Discard); err != nil {
		t.Fatal(err)
	}
	check([]string{a, b}, false, "rebuilt again")
	// An index made by another build of lextraite: rebuilt.
	gen, err := os.Readlink(filepath.Join(idx, "current"))
	if err != nil {
		t.Fatal(err)
	}
	statsPath := filepath.Join(idx, gen, "stats.json")
	st, err := os.ReadFile(statsPath)
	if err != nil || !strings.Contains(string(st), `"program":"`) {
		t.Fatalf("stats.json without program: %v %s", err, st)
	}
	other := regexp.MustCompile(`"program":"[^"]*"`).ReplaceAll(st, []byte(`"program":"autre"`))
	if err := os.WriteFile(statsPath, other, 0o644); err != nil {
		t.Fatal(err)
	}
	if stale, why, _ := indexStale(idx, []string{a, b}, ""); !stale || !strings.Contains(why, "autre version") {
		t.Errorf("index of another lextraite: stale %v (%s)", stale, why)
	}
	if _, why, _ := indexStale(filepath.Join(tmp, "none"), []string{a}, ""); !strings.Contains(why, "pas d'index") {
		t.Errorf("missing index: %q", why)
	}
}
