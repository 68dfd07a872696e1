package analyzers

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/blevesearch/bleve/v2/registry"
)

// corpusDir is the shared corpus, relative to this package's directory.
const corpusDir = "../../shared/corpus"

func FuzzTokenizer(f *testing.F) {
	for _, s := range []string{
		"", "-", ".", "/", "L.", "L. ", "L. 6", "a-1", "1-", "-1", "1.-2", "1//2",
		"2012-023", "225-4-1", "L622-1", "L.622-1", "L. 622-4", "279.01", "279.011",
		"029-2008/AN", "2011-036/P-RM", "ECW/CCJ/JUD/06/08", "19-19.463", "0.311.542", "224-1 A",
		"l’exploitation", "lʼexploitation", "jusqu'à", "êtres humains", "déﬁnition", "manœuvre",
		"es:a", "a::b", ":", "L.\u00a0622-4", "\xff\xfe", "é\xc3", "1°", "1ᵉʳ", "日本語 2012-023",
		"I. - La traite des êtres humains est le fait de recruter une personne",
	} {
		f.Add(s)
	}
	analyzers := []string{French, FrenchExact, English, Dutch, German, Italian}
	cache := registry.NewCache()
	f.Fuzz(func(t *testing.T, input string) {
		prev, pos := 0, 0
		for _, tok := range NewTokenizer().Tokenize([]byte(input)) {
			if tok.Start < prev || tok.Start >= tok.End || tok.End > len(input) {
				t.Fatalf("token %q at [%d:%d] after %d, input length %d", tok.Term, tok.Start, tok.End, prev, len(input))
			}
			if !bytes.Equal(tok.Term, []byte(input[tok.Start:tok.End])) {
				t.Fatalf("term %q != input[%d:%d] = %q", tok.Term, tok.Start, tok.End, input[tok.Start:tok.End])
			}
			if tok.Position <= pos {
				t.Fatalf("position %d after %d", tok.Position, pos)
			}
			prev, pos = tok.End, tok.Position
		}
		for _, name := range analyzers {
			a, err := cache.AnalyzerNamed(name)
			if err != nil {
				t.Fatal(err)
			}
			prev := 0
			for _, tok := range a.Analyze([]byte(input)) {
				if tok.Start < prev || tok.Start > tok.End || tok.End > len(input) {
					t.Fatalf("%s: token %q at [%d:%d] after %d, input length %d", name, tok.Term, tok.Start, tok.End, prev, len(input))
				}
				prev = tok.Start
			}
		}
	})
}

// BenchmarkFrenchAnalyzer analyzes the French text of the Canadian
// Criminal Code (2.7 MB of Markdown) from the shared corpus.
func BenchmarkFrenchAnalyzer(b *testing.B) {
	path := filepath.Join(corpusDir, "national", "ca", "code-criminel-C-46-fra-markdown-conversion.md")
	text, err := os.ReadFile(path)
	if err != nil {
		b.Skipf("corpus file not available (%v); the shared corpus is expected at %s", err, corpusDir)
	}
	a, err := registry.NewCache().AnalyzerNamed(French)
	if err != nil {
		b.Fatal(err)
	}
	buf := make([]byte, len(text))
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	for b.Loop() {
		copy(buf, text) // the lowercase filter writes into its input
		a.Analyze(buf)
	}
}
