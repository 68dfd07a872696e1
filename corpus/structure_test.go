package corpus

import (
	"bufio"
	"fmt"
	"os"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"
)

// seqKey turns an article number into comparable components:
// "225-4-1" → [225 4 1], "L622-1" → [622 1], "224-1 A" → [224 1 1],
// "3 bis" → [3 2], "181a" → [181 1], "279.011" → [279 0.011] (dotted
// parts are decimals, as in Canadian statutes). ok is false for numbers
// without figures ("E").
func seqKey(number string) (key []float64, ok bool) {
	n := NormalizeNumber(number)
	n = strings.TrimSuffix(n, " nouveau")
	n = strings.TrimLeft(n, "lrda. ")
	if v := romanValue(n); v > 0 && reRoman.MatchString(strings.ToUpper(n)) {
		return []float64{float64(v)}, true
	}
	if n == "" || n[0] < '0' || n[0] > '9' {
		return nil, false
	}
	latin := map[string]float64{"bis": 2, "ter": 3, "quater": 4, "quinquies": 5, "sexies": 6, "septies": 7, "octies": 8, "nonies": 9, "decies": 10}
	for _, tok := range reSeqToken.FindAllString(n, -1) {
		switch {
		case tok[0] == '.':
			f, _ := strconv.ParseFloat("0"+tok, 64)
			key = append(key, f)
		case tok[0] >= '0' && tok[0] <= '9':
			v, _ := strconv.Atoi(tok)
			key = append(key, float64(v))
		case latin[tok] > 0:
			key = append(key, latin[tok])
		case len(tok) == 1:
			key = append(key, float64(tok[0]-'a'+1))
		default:
			return nil, false
		}
	}
	return key, len(key) > 0
}

var reSeqToken = regexp.MustCompile(`\.\d+|\d+|[a-z]+`)

func seqCompare(a, b []float64) int {
	for i := 0; i < len(a) && i < len(b); i++ {
		if a[i] != b[i] {
			if a[i] < b[i] {
				return -1
			}
			return 1
		}
	}
	return len(a) - len(b)
}

// sequenceIssues lists where a document's article numbers do not run in
// sequence: "repeat 4", "order 52→1", "gap 29→31".
func sequenceIssues(d *Document) []string {
	var out []string
	var prev []float64
	prevNum := ""
	for _, p := range d.Provisions {
		if inAppendix(p.Path) {
			continue
		}
		// "157 et 158", "594 à 596": repealed together; compare the first
		// with the previous number and continue from the last.
		first, last := p.Number, p.Number
		if f := reRangeNumber.FindStringSubmatch(p.Number); f != nil {
			first, last = f[1], f[2]
		}
		k, ok := seqKey(first)
		if !ok {
			continue
		}
		if prev != nil {
			switch c := seqCompare(k, prev); {
			case c == 0:
				out = append(out, "repeat "+p.Number)
			case c < 0:
				out = append(out, "order "+prevNum+"→"+p.Number)
			case k[0] > prev[0]+1:
				out = append(out, "gap "+prevNum+"→"+p.Number)
			case len(k) == len(prev) && len(k) > 1 && seqCompare(k[:len(k)-1], prev[:len(k)-1]) == 0 && k[len(k)-1] > prev[len(k)-1]+1 && k[len(k)-1] == float64(int(k[len(k)-1])):
				out = append(out, "gap "+prevNum+"→"+p.Number)
			}
		}
		prev, prevNum = k, p.Number
		if lk, ok := seqKey(last); ok {
			prev = lk
		}
	}
	return out
}

var reRangeNumber = regexp.MustCompile(`^(\S+)\s+(?:à|et)\s+(\S+)$`)

// inAppendix reports whether a provision sits in the appendices of a
// Canadian consolidation ("DISPOSITIONS CONNEXES", "MODIFICATIONS NON EN
// VIGUEUR"): sections of the amending acts, with those acts' numbers.
func inAppendix(path []string) bool {
	for _, p := range path {
		u := strings.ToUpper(p)
		if strings.Contains(u, "DISPOSITIONS CONNEXES") || strings.Contains(u, "MODIFICATIONS NON EN VIGUEUR") {
			return true
		}
	}
	return false
}

// TestArticleSequences checks, for every document of the corpus, that its
// article numbers run in sequence without gaps or repeats, except where
// the source itself has them: testdata/sequence_exceptions.txt lists those
// ("doc_id | issue | reason", issue "*" for a whole document whose
// numbering is irregular by nature).
func TestArticleSequences(t *testing.T) {
	rep := realCorpus(t)
	exc := readExceptions(t)
	used := map[string]bool{}
	for _, d := range rep.Documents {
		if d.Kind == KindDecision {
			continue
		}
		for _, is := range sequenceIssues(d) {
			key := d.ID + " | " + is
			switch {
			case exc[key] != "":
				used[key] = true
			case exc[d.ID+" | *"] != "":
				used[d.ID+" | *"] = true
			default:
				t.Errorf("%s (%s): %s — not in testdata/sequence_exceptions.txt", d.ID, d.Source, is)
			}
		}
	}
	for k := range exc {
		if !used[k] {
			t.Errorf("sequence_exceptions.txt: %q no longer occurs", k)
		}
	}
}

func readExceptions(t *testing.T) map[string]string {
	f, err := os.Open("testdata/sequence_exceptions.txt")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	out := map[string]string{}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		l := strings.TrimSpace(sc.Text())
		if l == "" || strings.HasPrefix(l, "#") {
			continue
		}
		parts := strings.SplitN(l, " | ", 3)
		if len(parts) != 3 || strings.TrimSpace(parts[2]) == "" {
			t.Fatalf("sequence_exceptions.txt: %q: expected \"doc_id | issue | reason\"", l)
		}
		out[parts[0]+" | "+parts[1]] = parts[2]
	}
	return out
}

func TestNumberKeyOrder(t *testing.T) {
	// Each number must sort strictly after the previous one.
	seqs := [][]string{
		{"premier", "2", "3", "3 bis", "3 ter", "4"},
		{"224-1", "224-1 A", "224-1 B", "224-1 C", "224-2"},
		{"225-4-1", "225-4-2", "225-4-10"},
		{"L622-1", "L622-2", "L622-10"},
		{"279", "279.01", "279.011", "279.02", "280"},
		{"10", "10.01", "10.1", "11"},
		{"181", "181a", "182"},
		{"I", "II", "IV"},
	}
	for _, seq := range seqs {
		for i := 1; i < len(seq); i++ {
			a, _ := seqKey(seq[i-1])
			b, _ := seqKey(seq[i])
			if seqCompare(a, b) >= 0 {
				t.Errorf("%q (%v) should sort before %q (%v)", seq[i-1], a, seq[i], b)
			}
		}
	}
}

func TestParseAlineas(t *testing.T) {
	// Synthetic paragraphs: only the enumeration marks matter.
	text := strings.Join([]string{
		"I. - Texte synthétique :", "1° un ;", "2° deux :", "a) lettre ;", "b) lettre.",
		"3° trois.", "Texte synthétique suivant.", "II. - Autre texte.",
	}, "\n\n")
	got := alineaShape(parseAlineas(text))
	want := "al 3: I. - [1° 2° [a) b)] 3°] ¶ II. -"
	if got != want {
		t.Errorf("shape = %q, want %q", got, want)
	}
	as := parseAlineas(text)
	if a := as[0].Items[1].Items[1]; a.Anchor != "al-1-2-b" || a.Text != "b) lettre." {
		t.Errorf("item b) = %+v", a)
	}
	en := parseAlineas("1. Synthetic text:\n\n(a) one;\n\n(i) sub;\n\n(b) two.\n\n2. Other.")
	if got := alineaShape(en); got != "al 2: 1. [(a) [(i)] (b)] 2." {
		t.Errorf("English shape = %q", got)
	}
}

func TestDivisionNode(t *testing.T) {
	for _, c := range []struct{ label, kind, number, norm string }{
		{"Titre II", NodeTitre, "II", "2"},
		{"CHAPITRE premier", NodeChapitre, "premier", "1"},
		{"Section 1 bis", NodeSection, "1 bis", "1 bis"},
		{"Chapter IV", NodeChapitre, "IV", "4"},
		{"Hoofdstuk 3", NodeChapitre, "3", "3"},
		{"PARTIE 3", NodePartie, "3", "3"},
		{"Livre 1", NodeLivre, "1", "1"},
	} {
		n := divisionNode(c.label, "")
		if n.Kind != c.kind || n.Number != c.number || n.Norm != c.norm {
			t.Errorf("divisionNode(%q) = %+v", c.label, n)
		}
	}
	if a := divisionAnchor("Section 1 bis"); a != "sec-1-bis" {
		t.Errorf("anchor = %q", a)
	}
}

// TestAKNRoundTrip exports real documents of different shapes as Akoma
// Ntoso and imports them back: same outline, same provisions.
func TestAKNRoundTrip(t *testing.T) {
	rep := realCorpus(t)
	for _, g := range goldenDocs {
		d := docBySource(t, rep, g.source, g.lang)
		data, err := ExportAKN(d)
		if err != nil {
			t.Fatalf("%s: %v", d.ID, err)
		}
		if !strings.Contains(string(data), `xmlns="`+AKNNamespace+`"`) || !strings.Contains(string(data), "<FRBRuri value=\"/akn/") {
			t.Errorf("%s: no AKN namespace or FRBR uri", d.ID)
		}
		root, err := parseXMLTree(data)
		if err != nil {
			t.Fatalf("%s: export is not well-formed XML: %v", d.ID, err)
		}
		back, err := importAKN(root)
		if err != nil {
			t.Fatalf("%s: import: %v", d.ID, err)
		}
		back.Source = d.Source
		if a, b := formatOutline(d), formatOutline(back); a != b {
			t.Errorf("%s: outline changed through Akoma Ntoso:\n%s", d.ID, firstDiff(a, b))
		}
		if len(back.Provisions) != len(d.Provisions) {
			t.Fatalf("%s: %d provisions back, want %d", d.ID, len(back.Provisions), len(d.Provisions))
		}
		for i, p := range d.Provisions {
			q := back.Provisions[i]
			if q.Anchor != p.Anchor || q.Number != p.Number || q.Heading != p.Heading ||
				strings.Join(q.Path, "/") != strings.Join(p.Path, "/") || q.Text != p.Text {
				t.Errorf("%s: provision %s differs after import:\n got %+v\nwant %+v", d.ID, p.Anchor,
					fmt.Sprintf("%q %q %q %q", q.Anchor, q.Number, q.Heading, q.Path), fmt.Sprintf("%q %q %q %q", p.Anchor, p.Number, p.Heading, p.Path))
				break
			}
		}
	}
}

// Title lines alone (no article text), as they head the laws of the region.
func TestInferMetadataFromTitle(t *testing.T) {
	for _, c := range []struct{ title, kind, number, date string }{
		{"LOI N°2012-023 DU 12 JUILLET 2012 RELATIVE À LA LUTTE CONTRE LA TRAITE DES PERSONNES ET LES PRATIQUES ASSIMILÉES", KindLoi, "2012-023", "2012-07-12"},
		{"Ordonnance n° 2010-86 du 16 décembre 2010 relative à la lutte contre la traite des personnes", KindOrdonnance, "2010-86", "2010-12-16"},
		{"Décret n ° 2015–0212 du 1er juillet 2015", KindDecret, "2015-0212", "2015-07-01"},
		{"Loi nº 029-2008/AN du 15 mai 2008 portant lutte contre la traite des personnes", KindLoi, "029-2008/AN", "2008-05-15"},
		{"Loi N° 2011-036/P-RM du 15 juillet 2011", KindLoi, "2011-036/P-RM", "2011-07-15"},
		{"Loi n°2005-06 du 10 mai 2005 relative à la lutte contre la traite des personnes", KindLoi, "2005-06", "2005-05-10"},
		{"LOI N° 2016-1111 DU 8 DÉCEMBRE 2016", KindLoi, "2016-1111", "2016-12-08"},
		{"Protocole additionnel à la Convention des Nations Unies contre la criminalité transnationale organisée", KindProtocole, "", ""},
		{"Convention relative aux droits de l'enfant", KindConvention, "", ""},
		{"Traité révisé de la CEDEAO", KindTraite, "", ""},
		{"Charte africaine des droits de l'homme et des peuples", KindCharte, "", ""},
		{"Arrêté n° 12/2019 du 03/04/2019", "", "", "2019-04-03"},
	} {
		if k := inferKind(c.title, "x.txt"); k != c.kind {
			t.Errorf("inferKind(%q) = %q, want %q", c.title, k, c.kind)
		}
		if n := inferNumber(c.title); n != c.number {
			t.Errorf("inferNumber(%q) = %q, want %q", c.title, n, c.number)
		}
		if d := inferDate(c.title); d != c.date {
			t.Errorf("inferDate(%q) = %q, want %q", c.title, d, c.date)
		}
	}
}

func TestJurisdictionFromText(t *testing.T) {
	for head, want := range map[string]string{
		"RÉPUBLIQUE DU MALI\nUn Peuple - Un But - Une Foi": "ml",
		"REPUBLIQUE DU NIGER":                              "ne",
		"République du Sénégal":                            "sn",
		"BURKINA FASO\nUnité - Progrès - Justice":          "bf",
		"République de Côte d’Ivoire":                      "ci",
		"REPUBLIQUE DU BENIN":                              "bj",
		"RÉPUBLIQUE TOGOLAISE":                             "tg",
		"République de Guinée-Bissau":                      "gw",
		"Loi relative à la traite":                         "",
	} {
		if got := jurisdictionFromText(head); got != want {
			t.Errorf("jurisdictionFromText(%q) = %q, want %q", head, got, want)
		}
	}
}

func TestTitleLineSkipsStateHeading(t *testing.T) {
	blocks := []block{{text: "RÉPUBLIQUE DU MALI"}, {text: "Un Peuple - Un But - Une Foi"},
		{text: "LOI N°2012-023 DU 12 JUILLET 2012 RELATIVE À LA LUTTE CONTRE LA TRAITE DES PERSONNES ET LES PRATIQUES ASSIMILÉES"}}
	if got := titleLine(blocks); !strings.HasPrefix(got, "LOI N°2012-023") {
		t.Errorf("titleLine = %q", got)
	}
}

func TestLoadXMLRejectsOtherXML(t *testing.T) {
	_, err := loadXML(unit{rel: "x.xml"}, []byte(`<?xml version="1.0"?><rss><channel/></rss>`), nil)
	if err == nil || !strings.Contains(err.Error(), "rss") || skipCode(err) != "unsupported" {
		t.Errorf("err = %v", err)
	}
	if _, err := loadXML(unit{rel: "x.xml"}, []byte(`<a><b></a>`), nil); skipCode(err) != "corrupt" {
		t.Errorf("malformed XML: err = %v", err)
	}
}

func FuzzAlineasAndAKN(f *testing.F) {
	f.Add("I. - a :\n\n1° b ;\n\na) c\n\n(i) d")
	f.Add("(1) x\n\n(a) y\n\n– z")
	f.Fuzz(func(t *testing.T, s string) {
		if !utf8.ValidString(s) {
			return
		}
		p := Provision{Anchor: "art-1", Number: "1", Text: s, Alineas: parseAlineas(s)}
		d := &Document{ID: "x", Provisions: []Provision{p}}
		d.Outline = flatOutline(d.Provisions)
		data, err := ExportAKN(d)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := parseXMLTree(data); err != nil {
			t.Fatalf("export not well-formed: %v", err)
		}
	})
}

// TestDefaultFRBRURI: a user's law gets its Akoma Ntoso work URI from its
// metadata, the year not repeated in the number (DESIGN.md example).
func TestDefaultFRBRURI(t *testing.T) {
	d := &Document{ID: "ml-loi-2012-023", Kind: KindLoi, Jurisdiction: "ml", Date: "2012-07-12", Number: "2012-023"}
	if got := DefaultFRBRURI(d); got != "/akn/ml/act/loi/2012/023" {
		t.Errorf("DefaultFRBRURI = %q", got)
	}
}
