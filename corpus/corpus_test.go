package corpus

import (
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
)

// corpusRoot is the shared corpus, read in place (never copied).
const corpusRoot = "../../shared/corpus"

var (
	loadOnce sync.Once
	loaded   *Report
	loadErr  error
)

// realCorpus loads ../shared/corpus once per test binary, with the shipped
// overlay, or skips when the folder is absent.
func realCorpus(t *testing.T) *Report {
	t.Helper()
	if _, err := os.Stat(corpusRoot); err != nil {
		t.Skipf("corpus partagé absent (%s) : test sur le corpus réel ignoré", corpusRoot)
	}
	loadOnce.Do(func() {
		loaded, loadErr = LoadDir(corpusRoot, Options{Overlays: []fs.FS{DefaultOverlay()}})
	})
	if loadErr != nil {
		t.Fatal(loadErr)
	}
	return loaded
}

var (
	resolveOnce sync.Once
	resolvedRV  *resolver
)

// resolvedCorpus is realCorpus with its citations resolved and the
// resolver the scoring tests share: resolving the whole corpus once
// instead of once per labelled set (about 45 s each under -race).
func resolvedCorpus(t *testing.T) (*Report, *resolver) {
	t.Helper()
	rep := realCorpus(t)
	resolveOnce.Do(func() {
		Resolve(rep.Documents, DefaultCatalog())
		resolvedRV = newResolver(rep.Documents, DefaultCatalog())
	})
	return rep, resolvedRV
}

func docBySource(t *testing.T, rep *Report, source, lang string) *Document {
	t.Helper()
	for _, d := range rep.Documents {
		if d.Source == source && (lang == "" || d.Language == lang) {
			return d
		}
	}
	t.Fatalf("pas de document %s (%s)", source, lang)
	return nil
}

// The counts were verified by reading the files (headings "Art. N",
// "### Article N", per-article files), as SOURCES.md also states.
func TestArticleCountsOnRealCorpus(t *testing.T) {
	rep := realCorpus(t)
	cases := []struct {
		source, lang string
		articles     int
		first, last  string
	}{
		{"international/ch-fedlex-md/RS-0.311.542-fr.md", "fr", 20, "1", "20"},
		{"international/un-trafficking-in-persons-protocol-2000-en-nl.md", "en", 20, "1", "20"},
		{"international/un-trafficking-in-persons-protocol-2000-en-nl.md", "nl", 20, "1", "20"},
		{"international/ch-fedlex-md/RS-0.311.541-fr.md", "fr", 25, "1", "25"},
		{"international/ch-fedlex-md/RS-0.311.54-fr.md", "fr", 41, "1", "41"},
		{"international/ch-fedlex-md/RS-0.311.543-fr.md", "fr", 47, "1", "47"},
		{"international/untoc-convention-transnational-organized-crime-2000-en-nl.md", "en", 41, "1", "41"},
		{"international/coe-convention-action-against-trafficking-2005-en-nl.md", "en", 47, "1", "47"},
		{"international/convention-repression-traite-des-blanches-1910-fr-nl.md", "fr", 12, "premier", "12"},
		{"national/fr/code-penal-traite-des-etres-humains", "fr", 9, "225-4-1", "225-4-9"},
		{"national/fr/code-penal-reduction-en-esclavage", "fr", 3, "224-1 A", "224-1 C"},
		{"national/fr/ceseda-aide-entree-sejour-irreguliers", "fr", 10, "L622-1", "L622-10"},
		{"regional/charte-africaine-droits-homme-peuples-1981-fr", "fr", 68, "1", "68"},
		{"national/bj/code-enfant-2015", "fr", 409, "1er", "409"},
	}
	for _, c := range cases {
		d := docBySource(t, rep, c.source, c.lang)
		if got := len(d.Provisions); got != c.articles {
			t.Errorf("%s (%s) : %d articles, attendu %d", c.source, c.lang, got, c.articles)
			continue
		}
		if f, l := d.Provisions[0].Number, d.Provisions[len(d.Provisions)-1].Number; f != c.first || l != c.last {
			t.Errorf("%s (%s) : articles %q … %q, attendu %q … %q", c.source, c.lang, f, l, c.first, c.last)
		}
	}
}

func TestBilingualFileGivesOneDocumentPerLanguage(t *testing.T) {
	rep := realCorpus(t)
	en := docBySource(t, rep, "international/un-trafficking-in-persons-protocol-2000-en-nl.md", "en")
	nl := docBySource(t, rep, "international/un-trafficking-in-persons-protocol-2000-en-nl.md", "nl")
	if en.ID == nl.ID {
		t.Fatalf("same id %s for both languages", en.ID)
	}
	art3 := en.Provisions[2]
	if art3.Anchor != "art-3" || art3.Heading != "Use of terms" || !strings.Contains(art3.Text, "``Trafficking in persons\" shall mean") {
		t.Errorf("en art. 3 = %+v", art3)
	}
	if strings.Contains(art3.Text, "Mensenhandel") || strings.Contains(art3.Text, "Artikel") {
		t.Errorf("Dutch text leaked into the English article 3: %q", art3.Text)
	}
	if !strings.Contains(nl.Provisions[2].Text, "mensenhandel") {
		t.Errorf("nl art. 3 lacks Dutch text: %q", nl.Provisions[2].Text[:100])
	}
}

func TestFedlexHeadingAndRunTogetherAlineas(t *testing.T) {
	rep := realCorpus(t)
	d := docBySource(t, rep, "international/ch-fedlex-md/RS-0.311.542-fr.md", "fr")
	p := d.Provisions[0]
	if p.Heading != "Relation avec la Convention des Nations Unies contre la criminalité transnationale organisée" {
		t.Errorf("heading = %q", p.Heading)
	}
	// "(2)" ran into the end of "(1)" on one line in the source.
	if !strings.Contains(p.Text, "Convention.\n\n(2) Les dispositions") {
		t.Errorf("alinéas not separated: %q", p.Text)
	}
	if d.Provisions[2].Heading != "Terminologie" || !strings.Contains(d.Provisions[2].Text, "«traite des personnes» désigne le recrutement") {
		t.Errorf("art. 3 = %+v", d.Provisions[2])
	}
}

// TestFedlexMangledArticles: the Swiss penal code's third-party Markdown
// glues marginal titles and article numbers to the previous text in many
// ways; each article is found, and a repealed one keeps its footnote as
// its text.
func TestFedlexMangledArticles(t *testing.T) {
	rep := realCorpus(t)
	d := docBySource(t, rep, "national/ch/RS-311.0-code-penal-suisse-fr.md", "fr")
	byAnchor := map[string]*Provision{}
	for i := range d.Provisions {
		p := &d.Provisions[i]
		byAnchor[p.Anchor] = p
		// no article heading left inside another article's text
		if m := regexp.MustCompile(`[\p{L}.]Art\.[\s\x{a0}]?\d+[a-z]*\s*$`).FindString(p.Text); m != "" {
			t.Errorf("%s ends with a glued heading %q", p.Anchor, m)
		}
	}
	for _, c := range []struct{ anchor, heading, text string }{
		{"art-349g", "Vérification de la licéité du traitement", "1\u00a0La personne concernée peut requérir du PFPDT"}, // "…traitementArt.\u00a0349g"
		{"art-305bis", "", "1.Quiconque commet un acte propre à entraver"},                                              // alone on its line
		{"art-129", "Mise en danger de la vie d’autrui", ""},                                                            // "…d’autrui\u00a0Art. 129"
		{"art-187", "", "1.Quiconque commet un acte d’ordre sexuel"},                                                    // "Art. 1871.Quiconque"
		{"art-179novies", "Soustraction de\u00a0données personnelles", ""},
		{"art-107", "", "Abrogé par le ch. I 1 de la LF du 19\u00a0juin\u00a02015"}, // repealed: its footnote
		{"art-379", "établissements privés", "1\u00a0Les cantons peuvent confier"},  // title in lowercase in the source
	} {
		p := byAnchor[c.anchor]
		if p == nil {
			t.Errorf("%s missing", c.anchor)
			continue
		}
		if c.heading != "" && p.Heading != c.heading {
			t.Errorf("%s heading %q, want %q", c.anchor, p.Heading, c.heading)
		}
		if !strings.HasPrefix(p.Text, c.text) {
			t.Errorf("%s text %.80q, want it to start with %q", c.anchor, p.Text, c.text)
		}
	}
}

func TestFolderWithSidecarsNumbersFromJSON(t *testing.T) {
	rep := realCorpus(t)
	d := docBySource(t, rep, "national/bj/code-penal-2018", "")
	var p *Provision
	for i := range d.Provisions {
		if d.Provisions[i].Number == "499" {
			p = &d.Provisions[i]
		}
	}
	if p == nil {
		t.Fatal("article 499 du code pénal béninois introuvable")
	}
	if p.Anchor != "art-499" || p.Source != "national/bj/code-penal-2018/livre-1/article-499-.md" ||
		!strings.HasPrefix(p.Text, "Constitue un acte de traite des personnes le recrutement") {
		t.Errorf("art. 499 = %+v", p)
	}
}

func TestDuplicateNumbersStayDistinct(t *testing.T) {
	rep := realCorpus(t)
	d := docBySource(t, rep, "international/cedh-convention-europeenne-droits-homme-fr", "")
	seen := map[string]bool{}
	fours := 0
	for _, p := range d.Provisions {
		if seen[p.Anchor] {
			t.Errorf("anchor %s repeated", p.Anchor)
		}
		seen[p.Anchor] = true
		if p.Number == "4" {
			fours++
		}
	}
	if fours < 2 || !seen["art-4"] || !seen["titre-3--art-4"] {
		t.Errorf("article 4 (Convention) and 4 (protocole, titre 3) must both exist: %d, anchors %v", fours, seen["titre-3--art-4"])
	}
}

func TestISO88591PagesDecode(t *testing.T) {
	rep := realCorpus(t)
	d := docBySource(t, rep, "national/fr/dossiers-legislatifs-an/an-14-dossier-adaptation-justice-droit-ue-loi-2013-711.asp.html", "")
	if !strings.Contains(d.Title+d.Preamble, "Assemblée nationale") {
		t.Errorf("title = %q", d.Title)
	}
	all := d.Preamble
	for _, p := range d.Provisions {
		all += p.Text
	}
	if !strings.Contains(all, "dispositions d’adaptation") {
		t.Errorf("windows-1252 apostrophe (0x92) not decoded as ’")
	}
	if strings.ContainsRune(all, '\uFFFD') || strings.Contains(all, "Ã©") {
		t.Errorf("mojibake in the decoded page")
	}
}

func TestEveryFileIndexedOrReported(t *testing.T) {
	rep := realCorpus(t)
	seen := 0
	_ = filepath.WalkDir(corpusRoot, func(p string, d os.DirEntry, err error) error {
		if err == nil && d.Type().IsRegular() {
			seen++
		}
		return nil
	})
	if rep.FilesSeen != seen {
		t.Errorf("FilesSeen = %d, walk found %d", rep.FilesSeen, seen)
	}
	for _, s := range rep.Skipped {
		if s.Reason == "" || s.Code == "" {
			t.Errorf("skipped without reason: %+v", s)
		}
	}
	if len(rep.Documents) < 50 {
		t.Errorf("only %d documents", len(rep.Documents))
	}
}

func TestMarkdownTightHeadings(t *testing.T) {
	// Synthetic fixture: only heading shapes, no legal text.
	src := "##Titre de test\n\n###Article premier \n\nTexte synthétique un.\n\n### Article  2  \n\n####Intitulé synthétique\n\nTexte synthétique deux.\n"
	pre, provs := split("x", "x.md", markdownBlocks([]byte(src)), splitOptions{lang: "fr"})
	if pre != "Titre de test" || len(provs) != 2 {
		t.Fatalf("preamble %q, %d provisions", pre, len(provs))
	}
	if provs[0].Anchor != "art-1" || provs[0].Number != "premier" || provs[1].Heading != "Intitulé synthétique" {
		t.Errorf("provisions = %+v", provs)
	}
}

func TestMarkdownEscapesAndEntities(t *testing.T) {
	// Synthetic fixture, no legal text: CommonMark backslash escapes and
	// character references stand for their character (a user's Markdown
	// exported from a word processor is full of them); a code span is
	// literal.
	src := "Texte synthétique &lt;script&gt; \\*a\\* &amp; &#233;t&#xE9; &eacute; `&lt;code&gt;` fin.\n"
	blocks := markdownBlocks([]byte(src))
	want := "Texte synthétique <script> *a* & été é &lt;code&gt; fin."
	if len(blocks) != 1 || blocks[0].text != want {
		t.Errorf("blocks = %+v, want one block %q", blocks, want)
	}
}

// TestArticleLineHeadingOrText: on an « Article N : … » line, a heading
// (short, no sentence) is the article's heading, and a sentence is its
// first alinéa, however short: the layout of Malian, Senegalese and
// Nigerien laws. Synthetic lines, no legal text.
func TestArticleLineHeadingOrText(t *testing.T) {
	src := "Article 1er : Texte synthétique de test court.\n\nArticle 2 : Définitions\n\nTexte synthétique deux.\n\nArticle 3.- Autre phrase synthétique brève.\n\nArt. 4 : Objet.\n\nTexte synthétique quatre.\n"
	_, provs := split("x", "x.txt", textBlocks(src), splitOptions{lang: "fr"})
	if len(provs) != 4 {
		t.Fatalf("%d provisions: %+v", len(provs), provs)
	}
	for i, want := range []struct{ heading, text string }{
		{"", "Texte synthétique de test court."},
		{"Définitions", "Texte synthétique deux."},
		{"", "Autre phrase synthétique brève."},
		{"Objet.", "Texte synthétique quatre."},
	} {
		if p := provs[i]; p.Heading != want.heading || p.Text != want.text {
			t.Errorf("art. %s: heading %q text %q, want %q / %q", p.Number, p.Heading, p.Text, want.heading, want.text)
		}
	}
}

func TestAnchor(t *testing.T) {
	for in, want := range map[string]string{
		"225-4-1": "art-225-4-1", "224-1 A": "art-224-1-a", "premier": "art-1", "1er": "art-1",
		"L622-1": "art-l622-1", "3 bis": "art-3-bis", "279.01": "art-279-01", "9 nouveau": "art-9-nouveau",
	} {
		if got := Anchor(in); got != want {
			t.Errorf("Anchor(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestArticleHeadRejectsCitations(t *testing.T) {
	for _, s := range []string{"Article 3 du Protocole", "article 5 de la présente loi", "Art. 3 et 4", "Article 3 of this Protocol"} {
		if _, _, ok := articleHead(s); ok {
			t.Errorf("%q taken for an article heading", s)
		}
	}
	for _, s := range []string{"Article premier", "ARTICLE 1er : La présente loi", "Art. 2", "Article 225-4-1", "Article 224-1 A", "Artikel 3", "Article L622-1"} {
		if _, _, ok := articleHead(s); !ok {
			t.Errorf("%q not recognised as an article heading", s)
		}
	}
}
