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
	latin := map[string]float64{"bis": 2, "ter": 3, "quater": 4, "quinquies": 5, "sexies": 6, "septies": 7, "octies": 8, "nonies": 9, "novies": 9, "decies": 10, "undecies": 11, "duodecies": 12}
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
		if p.Kind != "" || inAppendix(p.Path) || inAnnex(p.Anchor) {
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

// inAnnex reports whether an anchor is that of an annex, a schedule or a
// form, or of an item numbered inside one ("annexe-partie-xxii-1--art-1").
func inAnnex(anchor string) bool {
	return strings.HasPrefix(anchor, "annexe") || strings.HasPrefix(anchor, "formule")
}

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
			if q.Anchor != p.Anchor || q.Number != p.Number || q.Heading != p.Heading || q.Kind != p.Kind ||
				strings.Join(q.Path, "/") != strings.Join(p.Path, "/") || q.Text != p.Text {
				t.Errorf("%s: provision %s differs after import:\n got %+v\nwant %+v", d.ID, p.Anchor,
					fmt.Sprintf("%q %q %q %q %q", q.Anchor, q.Number, q.Kind, q.Heading, q.Path), fmt.Sprintf("%q %q %q %q %q", p.Anchor, p.Number, p.Kind, p.Heading, p.Path))
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

// TestTitleLineStopsAtText: a title in capitals whose PDF lines were
// joined with the text after it ends where the text begins; a number
// written « N 9999-004 » is read. Synthetic titles.
func TestTitleLineStopsAtText(t *testing.T) {
	for in, want := range map[string]string{
		"LOI N°9999-005 DU 1ER JANVIER 2099 SYNTHÉTIQUE DE TEST Texte synthétique, pas du droit.":       "LOI N°9999-005 DU 1ER JANVIER 2099 SYNTHÉTIQUE DE TEST",
		"Loi synthétique n° 9999-006 de test":                                                           "Loi synthétique n° 9999-006 de test",
		"LOI N 9999-004 SYNTHÉTIQUE":                                                                    "LOI N 9999-004 SYNTHÉTIQUE",
		"REPUBLIQUE DU MALI LOI N°9999-001 DU 3 MARS 2099 SYNTHÉTIQUE Texte synthétique, pas du droit.": "LOI N°9999-001 DU 3 MARS 2099 SYNTHÉTIQUE",
	} {
		if got := titleLine([]block{{text: in}}); got != want {
			t.Errorf("titleLine(%q) = %q, want %q", in, got, want)
		}
	}
	if n := inferNumber("LOI N 9999-004 SYNTHÉTIQUE"); n != "9999-004" {
		t.Errorf("inferNumber = %q", n)
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

// TestCriminalCodeAnnexesAndForms checks, on the real Criminal Code, that
// the schedules and forms after s. 849 are provisions of their own and no
// longer the document's preamble, and that the sections of amending acts
// under "DISPOSITIONS CONNEXES" never take a Code article's anchor.
func TestCriminalCodeAnnexesAndForms(t *testing.T) {
	rep := realCorpus(t)
	d := docBySource(t, rep, "national/ca/code-criminel-C-46-fra-markdown-conversion.md", "")
	if want := "Code criminel\n\nLoi concernant le droit criminel\n\nTitre abrégé"; d.Preamble != want {
		t.Errorf("preamble = %.200q…, want %q", d.Preamble, want)
	}
	byAnchor := map[string]*Provision{}
	for i := range d.Provisions {
		byAnchor[d.Provisions[i].Anchor] = &d.Provisions[i]
	}
	cases := []struct{ anchor, kind, heading, text string }{
		{"formule-5", ProvisionFormule, "FORMULE 5 Mandat de perquisition", "(articles 320.29 et 487)"},
		{"formule-54", ProvisionFormule, "FORMULE 54 Obligation de se conformer à la Loi sur l’enregistrement de renseignements sur les délinquants sexuels", ""},
		{"annexe-partie-xxii-1", ProvisionAnnexe, "ANNEXE DE LA PARTIE XXII.1 Infractions pouvant faire l’objet d’un accord de réparation", "(article 715.3, paragraphe 715.32(2) et paragraphes 715.43(2) et (3))"},
		{"annexe-partie-xxv", ProvisionAnnexe, "ANNEXE [de la partie XXV]", "| Québec | La Cour du Québec, chambre criminelle et pénale | Le greffier |"},
		{"annexe-partie-xx-1", ProvisionAnnexe, "ANNEXE DE LA PARTIE XX.1", ""},
	}
	for _, c := range cases {
		p := byAnchor[c.anchor]
		if p == nil {
			t.Errorf("no provision %s", c.anchor)
			continue
		}
		if p.Kind != c.kind || p.Heading != c.heading || p.Number != "" || !strings.Contains(p.Text, c.text) {
			t.Errorf("%s: kind %q number %q heading %q text %.120q; want kind %q heading %q text containing %q",
				c.anchor, p.Kind, p.Number, p.Heading, p.Text, c.kind, c.heading, c.text)
		}
	}
	// The schedule's items keep their numbers under the schedule's anchor.
	if p := byAnchor["annexe-partie-xxii-1--art-1"]; p == nil || !strings.HasPrefix(p.Text, "Une infraction prévue") {
		t.Errorf("item 1 of the schedule to Part XXII.1 missing or wrong: %+v", p)
	}
	// Article 5 of the Code is still the Code's.
	if p := byAnchor["art-5"]; p == nil || p.Heading != "Aucun effet sur les Forces canadiennes" || p.Kind != "" {
		t.Errorf("art-5 = %+v", p)
	}
	for _, p := range d.Provisions {
		if inAppendix(p.Path) && (p.Kind != ProvisionConnexe || strings.HasPrefix(p.Anchor, "art-")) {
			t.Errorf("%s (%v): a section of an amending act must be kind connexe with a prefixed anchor", p.Anchor, p.Path)
		}
	}
}

// TestAnnexHead uses synthetic headings (not corpus text) in the shapes
// the corpus and the region's laws give.
func TestAnnexHead(t *testing.T) {
	cases := []struct{ in, kind, anchor string }{
		{"ANNEXE", ProvisionAnnexe, "annexe"},
		{"Annexe II", ProvisionAnnexe, "annexe-2"},
		{"Annex I: Model form", ProvisionAnnexe, "annexe-1"},
		{"BIJLAGE", ProvisionAnnexe, "annexe"},
		{"Anhang 3", ProvisionAnnexe, "annexe-3"},
		{"Schedule to Part XXV", ProvisionAnnexe, "annexe-partie-xxv"},
		{"ANNEXE DE LA PARTIE XX.1", ProvisionAnnexe, "annexe-partie-xx-1"},
		{"ANNEXE [de la partie XXVII]", ProvisionAnnexe, "annexe-partie-xxvii"},
		{"Annexe au Protocole", ProvisionAnnexe, "annexe"},
		{"FORMULE 5  Mandat de perquisition", ProvisionFormule, "formule-5"},
		{"FORMULE 5.0031 Dénonciation", ProvisionFormule, "formule-5-0031"},
		{"Form 12", ProvisionFormule, "formule-12"},
		{"Formule de serment", "", ""},
		{"Forms of exploitation", "", ""},
		{"Annexion", "", ""},
		{"Article 5", "", ""},
	}
	for _, c := range cases {
		kind, anchor, ok := annexHead(c.in)
		if ok != (c.kind != "") || kind != c.kind || anchor != c.anchor {
			t.Errorf("annexHead(%q) = %q, %q, %v; want %q, %q", c.in, kind, anchor, ok, c.kind, c.anchor)
		}
	}
}

// TestFolderDivisionsClose: in a folder document, an article in a
// shallower folder than the one before is not filed under that one's
// division. In the Benin code, articles 463 and following are direct
// children of livre-1 in the source (metadata.json), after the folder
// chapitre-7 of the articles 462-1 to 462-16 « nouveau » (loi 2022-37).
func TestFolderDivisionsClose(t *testing.T) {
	rep := realCorpus(t)
	d := docBySource(t, rep, "national/bj/code-penal-2018", "")
	for _, p := range d.Provisions {
		switch p.Anchor {
		case "art-499", "art-463":
			if len(p.Path) != 1 || !strings.Contains(p.Path[0], "Livre 1") {
				t.Errorf("%s path %q, want only Livre 1", p.Anchor, p.Path)
			}
		case "art-462-1-nouveau":
			if len(p.Path) != 2 || !strings.Contains(p.Path[1], "Chapitre 7") {
				t.Errorf("%s path %q, want Livre 1 › Chapitre 7", p.Anchor, p.Path)
			}
		}
	}
}
