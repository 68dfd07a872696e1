package main

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"lextraite/corpus"
)

func TestFTS5Match(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"traite des êtres humains", `"traite" "des" "êtres" "humains"`},
		{"225-4-1", `"225-4-1"`},
		{`"traite des personnes"`, `"traite des personnes"`},
		{"servitude OR esclavage", `"servitude" OR "esclavage"`},
		{"+esclavage -travail", `"esclavage" NOT "travail"`},
		{"aide à l'entrée", `"aide" "à" "l'entrée"`},
		{`mot "non fermé`, `"mot" "non fermé"`},
		{`OR x OR`, `"OR" "x"`},
		{`a"b`, `"a""b"`},
		{"  ", ""},
	} {
		if got := fts5Match(c.in); got != c.want {
			t.Errorf("fts5Match(%q) = %s, want %s", c.in, got, c.want)
		}
	}
}

func TestReplicate(t *testing.T) {
	orig := []*corpus.Document{{
		ID: "fr-code", WorkID: "fr-code-w", Title: "Code", Source: "national/fr/code",
		Provisions: []corpus.Provision{{ID: "fr-code/art-1", Anchor: "art-1", Text: "texte", Source: "national/fr/code/article-1.md",
			Citations: []corpus.Citation{{Text: "article 2", Target: "fr-code/art-2", TargetDoc: "fr-code"}, {Text: "loi", Label: "loi inconnue"}}}},
	}}
	docs := replicate(orig, 3)
	if len(docs) != 3 || docs[0] != orig[0] {
		t.Fatalf("replicate: %d documents, first %p; want 3, the original first", len(docs), docs[0])
	}
	id := regexp.MustCompile(`^[a-z0-9-]+$`)
	seen := map[string]bool{}
	for _, d := range docs[1:] {
		if !id.MatchString(d.ID) || !strings.Contains(d.ID, "-synth-") || !strings.Contains(d.Title, "synthétique") ||
			!strings.HasPrefix(d.Source, "synth-") || seen[d.ID] {
			t.Errorf("copy %+v is not a distinct document labelled synthetic", d)
		}
		seen[d.ID] = true
		p := d.Provisions[0]
		if p.ID != d.ID+"/art-1" || !strings.HasPrefix(p.Source, "synth-") {
			t.Errorf("copy provision %s, source %s", p.ID, p.Source)
		}
		if c := p.Citations[0]; c.TargetDoc != d.ID || c.Target != d.ID+"/art-2" {
			t.Errorf("copy citation points at %s (%s), want within %s", c.Target, c.TargetDoc, d.ID)
		}
		if c := p.Citations[1]; c.Target != "" {
			t.Errorf("unresolved citation got a target %q", c.Target)
		}
	}
	if p := orig[0].Provisions[0]; p.ID != "fr-code/art-1" || p.Citations[0].Target != "fr-code/art-2" || orig[0].Title != "Code" {
		t.Errorf("the original was modified: %+v", orig[0])
	}
}

func TestSummarize(t *testing.T) {
	var ds []time.Duration
	for i := 1; i <= 100; i++ {
		ds = append(ds, time.Duration(i)*time.Millisecond)
	}
	l := summarize(ds)
	if l.N != 100 || l.P50 != 50 || l.P90 != 90 || l.P99 != 99 || l.Max != 100 || l.Mean != 50.5 {
		t.Errorf("summarize(1..100 ms) = %+v", l)
	}
	if l := summarize(nil); l.N != 0 {
		t.Errorf("summarize(nil) = %+v", l)
	}
}

// The load test only ever targets the loopback interface.
func TestLoadtestRefusesOtherHosts(t *testing.T) {
	for _, addr := range []string{"192.0.2.1:80", "example.org:80", ":8080"} {
		var out, errb bytes.Buffer
		if code := run([]string{"loadtest", "-addr", addr, "-d", "1s"}, &out, &errb); code != 2 {
			t.Errorf("loadtest -addr %s: exit %d, want 2 (usage)\n%s", addr, code, errb.String())
		}
	}
}

// TestBenchSmoke runs `lextraite bench` end to end at a tiny size (a subset
// of the corpus, scale 1, few queries, one-second load phases): the
// figures are not checked, only that every step runs, the engines agree on
// the obvious and the load test has no error. The real figures come from
// running the command by hand (see issue 6).
func TestBenchSmoke(t *testing.T) {
	if testing.Short() {
		t.Skip("bench smoke test skipped in -short mode")
	}
	if _, err := os.Stat(corpusDir); err != nil {
		t.Skipf("corpus partagé absent (%s) : test de bench ignoré", corpusDir)
	}
	tmp := t.TempDir()
	bin := buildBinary(t, tmp)
	subset := mirrorCorpus(t, "national/fr", "international/un-trafficking-in-persons-protocol-2000-en-nl.md")
	out := filepath.Join(tmp, "bench.json")
	cmd := exec.Command(bin, "bench", "-corpus", subset, "-scale", "1", "-queries", "40",
		"-c", "2", "-d", "1s", "-rate", "20", "-work", filepath.Join(tmp, "work"), "-json", out)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("bench: %v\n%s\n%s", err, stdout.String(), stderr.String())
	}
	for _, want := range []string{"bleve Mo/s", "fts5 requête p99 (ms)", "p99 bleve ÷ fts5", "charge 2 clients req/s", "Objectifs (issue 6)"} {
		if !strings.Contains(stdout.String(), want) {
			t.Errorf("bench output lacks %q:\n%s", want, stdout.String())
		}
	}
	b, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	var rs []scaleResult
	if err := json.Unmarshal(b, &rs); err != nil {
		t.Fatal(err)
	}
	if len(rs) != 1 {
		t.Fatalf("%d scales in the JSON, want 1", len(rs))
	}
	for _, r := range rs {
		for _, e := range []*engineResult{r.Bleve, r.FTS5} {
			if e == nil || e.Documents == 0 || e.TextBytes == 0 || e.BuildSec <= 0 || e.DiskBytes == 0 || e.Latency.N != 40 || e.Latency.P99 <= 0 {
				t.Errorf("scale %d: engine result %+v", r.Scale, e)
			}
		}
		if r.FTS5.Documents != r.Bleve.Documents || r.FTS5.Provisions != r.Bleve.Provisions {
			t.Errorf("bleve %d documents / %d provisions, fts5 %d / %d", r.Bleve.Documents, r.Bleve.Provisions, r.FTS5.Documents, r.FTS5.Provisions)
		}
		if !strings.HasPrefix(r.Bleve.FirstHits["225-4-1"], want2254+" ") {
			t.Errorf("bleve first hit for 225-4-1: %s", r.Bleve.FirstHits["225-4-1"])
		}
		for _, l := range []*loadResult{r.Closed, r.Fixed} {
			if l == nil || l.Requests == 0 || l.Errors != 0 {
				t.Errorf("scale %d: load phase %+v", r.Scale, l)
			}
		}
		if r.HTTP.N != 40 || r.ServeRSS == 0 {
			t.Errorf("scale %d: HTTP %+v, serve RSS %d", r.Scale, r.HTTP, r.ServeRSS)
		}
	}
}
