package corpus

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode"
)

// Synthetic inputs only: generated words, no legal text.

// synthWords returns n bytes or more of generated words, sentences ending
// with a period every 12 words, as one line.
func synthWords(n int) string {
	var b strings.Builder
	for i := 0; b.Len() < n; i++ {
		fmt.Fprintf(&b, "mot%d", i%977)
		if i%12 == 11 {
			b.WriteString(".")
		}
		b.WriteString(" ")
	}
	return strings.TrimSpace(b.String())
}

// checkPieces verifies that pieces appear in s in order with only
// whitespace between them, and that each is at most max bytes.
func checkPieces(t *testing.T, s string, pieces []string, max int) {
	t.Helper()
	rest := s
	for i, p := range pieces {
		if len(p) > max {
			t.Errorf("piece %d: %d bytes > %d", i, len(p), max)
		}
		if p == "" {
			t.Fatalf("piece %d empty", i)
		}
		gap := strings.TrimLeftFunc(rest, unicode.IsSpace)
		if !strings.HasPrefix(gap, p) {
			t.Fatalf("piece %d is not the text that follows the previous one", i)
		}
		rest = gap[len(p):]
	}
	if strings.TrimSpace(rest) != "" {
		t.Fatalf("%d bytes of text lost after the last piece", len(rest))
	}
}

func TestCutPassagesPreservesText(t *testing.T) {
	para := synthWords(3000)
	cases := map[string]string{
		"single line":     synthWords(200 << 10),
		"paragraphs":      strings.Repeat(para+"\n\n", 40),
		"no whitespace":   strings.Repeat("é", 100<<10),
		"no sentence":     strings.ReplaceAll(synthWords(100<<10), ".", ""),
		"huge paragraph":  para + "\n\n" + synthWords(60<<10) + "\n\n" + para,
		"unicode spacing": strings.ReplaceAll(synthWords(60<<10), " ", "\u00a0"),
	}
	for name, s := range cases {
		t.Run(name, func(t *testing.T) {
			pieces := cutPassages(s, passageTarget, passageMax)
			if len(pieces) < 2 {
				t.Fatalf("%d pieces", len(pieces))
			}
			checkPieces(t, s, pieces, passageMax)
		})
	}
}

func TestLargePreambleBecomesPassages(t *testing.T) {
	dir := t.TempDir()
	// Synthetic: one 3 MB line without any article heading.
	big := synthWords(3 << 20)
	write(t, dir, "synthetique-une-ligne.txt", "RAPPORT SYNTHÉTIQUE DE TEST\n\n"+big+"\n")
	// Synthetic: a short text, its preamble stays as it is.
	write(t, dir, "synthetique-court.txt", "Texte synthétique court.\n\n"+synthWords(4000)+"\n")
	rep, err := LoadDir(dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	docs := map[string]*Document{}
	for _, d := range rep.Documents {
		docs[d.Source] = d
	}
	d := docs["synthetique-une-ligne.txt"]
	if d == nil {
		t.Fatalf("not loaded: %+v", rep.Skipped)
	}
	if d.Preamble != "RAPPORT SYNTHÉTIQUE DE TEST" {
		t.Errorf("preamble = %.80q, want the title line", d.Preamble)
	}
	if len(d.Provisions) < 3<<20/passageMax {
		t.Fatalf("%d provisions", len(d.Provisions))
	}
	seen := map[string]bool{}
	var texts []string
	for i, p := range d.Provisions {
		if p.Kind != ProvisionPassage || p.Number != "" {
			t.Fatalf("provision %d: kind %q number %q", i, p.Kind, p.Number)
		}
		want := fmt.Sprintf("passage-%d", i+1)
		if p.Anchor != want || p.ID != d.ID+"/"+want || p.Heading != fmt.Sprintf("Passage %d", i+1) {
			t.Fatalf("provision %d: anchor %q id %q heading %q", i, p.Anchor, p.ID, p.Heading)
		}
		if seen[p.Anchor] {
			t.Fatalf("duplicate anchor %s", p.Anchor)
		}
		seen[p.Anchor] = true
		texts = append(texts, p.Text)
	}
	checkPieces(t, big, texts, passageMax)
	if len(d.Outline) != len(d.Provisions) {
		t.Errorf("outline has %d nodes for %d passages", len(d.Outline), len(d.Provisions))
	}
	if c := docs["synthetique-court.txt"]; c == nil || len(c.Provisions) != 0 || c.Preamble == "" {
		t.Errorf("short text changed: %+v", c)
	}
}

func TestPassageHeadingAndTitleBlock(t *testing.T) {
	// Synthetic decision-like layout: title block, then headed paragraphs.
	var b strings.Builder
	b.WriteString("JURIDICTION SYNTHÉTIQUE\n\nN° 00-000 (synthétique)\n\n")
	for i := 1; i <= 6; i++ {
		fmt.Fprintf(&b, "Partie synthétique %d\n\n", i)
		for j := 0; j < 4; j++ {
			b.WriteString(synthWords(1500) + "\n\n")
		}
	}
	d := &Document{Preamble: strings.TrimSpace(b.String()), Source: "x.txt"}
	splitPassages(d)
	if d.Preamble != "JURIDICTION SYNTHÉTIQUE\n\nN° 00-000 (synthétique)" {
		t.Errorf("preamble = %q", d.Preamble)
	}
	if len(d.Provisions) < 2 || d.Provisions[0].Heading != "Partie synthétique 1" {
		t.Fatalf("provisions %d, first heading %q", len(d.Provisions), d.Provisions[0].Heading)
	}
	for _, p := range d.Provisions {
		if !strings.HasPrefix(p.Heading, "Partie synthétique") && !strings.HasPrefix(p.Heading, "Passage ") {
			t.Errorf("heading %q", p.Heading)
		}
	}
}

func write(t *testing.T, dir, name, content string) {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestPassagesOfOCRDocumentAreMarked(t *testing.T) {
	d := &Document{Preamble: synthWords(40 << 10), OCR: true}
	splitPassages(d)
	if len(d.Provisions) < 2 {
		t.Fatalf("%d passages", len(d.Provisions))
	}
	for _, p := range d.Provisions {
		if !p.OCR {
			t.Errorf("%s not marked OCR", p.Anchor)
		}
	}
}
