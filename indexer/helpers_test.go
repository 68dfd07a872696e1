package indexer

import (
	"context"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"

	"lextraite/corpus"
)

// corpusRoot is the shared, read-only corpus. Tests read real files from it
// at run time and skip when it is absent; no legal text is copied here.
const corpusRoot = "../../shared/corpus"

// readCorpus returns a corpus file's content, skipping the test if the
// corpus is not there.
func readCorpus(tb testing.TB, rel string) string {
	tb.Helper()
	b, err := os.ReadFile(filepath.Join(corpusRoot, filepath.FromSlash(rel)))
	if errors.Is(err, fs.ErrNotExist) {
		tb.Skipf("corpus absent (%s introuvable sous %s) : test ignoré", rel, corpusRoot)
	}
	if err != nil {
		tb.Fatal(err)
	}
	return string(b)
}

var articleFileRe = regexp.MustCompile(`^article-(.+?)-?\.md$`)

// articleFromFile makes a provision of a per-article Markdown file: the
// number from the file name, the text without its "# Article …" line.
func articleFromFile(tb testing.TB, docID, rel string) corpus.Provision {
	tb.Helper()
	text := readCorpus(tb, rel)
	if first, rest, ok := strings.Cut(text, "\n"); ok && strings.HasPrefix(first, "# ") {
		text = rest
	}
	m := articleFileRe.FindStringSubmatch(filepath.Base(rel))
	if m == nil {
		tb.Fatalf("%s: not an article file", rel)
	}
	number := m[1]
	if strings.HasPrefix(number, "l") {
		number = "L" + number[1:]
	}
	anchor := corpus.Anchor(number)
	return corpus.Provision{
		ID: docID + "/" + anchor, Anchor: anchor, Number: number,
		Path: []string{}, Text: strings.TrimSpace(text), Language: "fr", Source: rel,
	}
}

const frCodeID = "fr-code-penal-traite-des-etres-humains"

// testDocs builds the documents of the test index from real corpus files,
// plus one synthetic document (labelled so) for HTML escaping.
func testDocs(tb testing.TB) []*corpus.Document {
	tb.Helper()
	fr := &corpus.Document{
		ID: frCodeID, Title: "Code pénal : de la traite des êtres humains",
		Kind: corpus.KindCode, Jurisdiction: "fr", Language: "fr",
		Source: "national/fr/code-penal-traite-des-etres-humains", Notes: []string{},
	}
	for i := 1; i <= 9; i++ {
		rel := "national/fr/code-penal-traite-des-etres-humains/article-225-4-" + string(rune('0'+i)) + ".md"
		fr.Provisions = append(fr.Provisions, articleFromFile(tb, fr.ID, rel))
	}
	ceseda := &corpus.Document{
		ID: "fr-ceseda-aide-entree-sejour-irreguliers", Title: "CESEDA : aide à l'entrée et au séjour irréguliers",
		Kind: corpus.KindCode, Jurisdiction: "fr", Language: "fr",
		Source: "national/fr/ceseda-aide-entree-sejour-irreguliers", Notes: []string{},
	}
	for _, n := range []string{"l622-1", "l622-4"} {
		ceseda.Provisions = append(ceseda.Provisions, articleFromFile(tb, ceseda.ID, "national/fr/ceseda-aide-entree-sejour-irreguliers/article-"+n+".md"))
	}
	bj := &corpus.Document{
		ID: "bj-code-penal-2018", Title: "Code pénal de la République du Bénin",
		Kind: corpus.KindCode, Jurisdiction: "bj", Language: "fr", Date: "2018",
		Source: "national/bj/code-penal-2018", Notes: []string{},
	}
	for _, rel := range []string{"livre-1/article-498-.md", "livre-1/article-499-.md", "livre-1/article-500-.md",
		"livre-1/article-985-.md", "livre-1/chapitre-6/article-337-.md"} {
		bj.Provisions = append(bj.Provisions, articleFromFile(tb, bj.ID, "national/bj/code-penal-2018/"+rel))
	}
	de := &corpus.Document{
		ID: "ch-sr-0-311-542-de", Title: "Zusatzprotokoll zur Verhütung, Bekämpfung und Bestrafung des Menschenhandels",
		Kind: corpus.KindProtocole, Jurisdiction: "int", Language: "de", Date: "2000-11-15",
		Number:   "0.311.542",
		Source:   "international/ch-fedlex-md/SR-0.311.542-de.md",
		Preamble: readCorpus(tb, "international/ch-fedlex-md/SR-0.311.542-de.md"), Notes: []string{},
	}
	return []*corpus.Document{fr, ceseda, bj, de, syntheticDoc()}
}

// syntheticDoc is NOT legal text: a made-up document to test HTML escaping.
func syntheticDoc() *corpus.Document {
	return &corpus.Document{
		ID: "synthetic-test-echappement", Title: "Document synthétique de test (pas un texte juridique)",
		Kind: corpus.KindAutre, Jurisdiction: "zz", Language: "fr", Date: "2099-01-01",
		Source: "synthetic", Notes: []string{"synthétique"},
		Provisions: []corpus.Provision{{
			ID: "synthetic-test-echappement/art-1", Anchor: "art-1", Number: "1", Path: []string{}, Language: "fr",
			Text: `Texte synthétique : <script>alert("x")</script> zorglub & fils <b>gras</b>. Numéro synthétique 2012-2013, sigle ECOWEST.`,
		}},
	}
}

// benchDocs reads every article of the Benin penal code (a real corpus of
// about a thousand provisions) plus the French extract.
func benchDocs(tb testing.TB) []*corpus.Document {
	tb.Helper()
	docs := testDocs(tb)
	root := filepath.Join(corpusRoot, "national/bj/code-penal-2018")
	var files []string
	filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && articleFileRe.MatchString(d.Name()) {
			rel, _ := filepath.Rel(corpusRoot, p)
			files = append(files, filepath.ToSlash(rel))
		}
		return nil
	})
	sort.Strings(files)
	bj := &corpus.Document{
		ID: "bj-code-penal-2018-complet", Title: "Code pénal de la République du Bénin (complet)",
		Kind: corpus.KindCode, Jurisdiction: "bj", Language: "fr", Date: "2018",
		Source: "national/bj/code-penal-2018", Notes: []string{},
	}
	seen := map[string]bool{}
	for _, f := range files {
		p := articleFromFile(tb, bj.ID, f)
		if seen[p.Anchor] {
			continue
		}
		seen[p.Anchor] = true
		bj.Provisions = append(bj.Provisions, p)
	}
	return append(docs, bj)
}

// buildTest builds docs into a fresh directory and opens it.
func buildTest(tb testing.TB, docs []*corpus.Document) (string, *Index) {
	tb.Helper()
	dir := tb.TempDir()
	if err := Build(context.Background(), dir, docs, Stats{FilesSeen: len(docs)}, nil); err != nil {
		tb.Fatal(err)
	}
	ix, err := Open(dir)
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { ix.Close() })
	return dir, ix
}
