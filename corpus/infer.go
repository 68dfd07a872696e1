package corpus

import (
	"fmt"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

// stopwords used to tell the corpus languages apart; a few of the most
// frequent function words of each.
var langWords = map[string][]string{
	"fr": {"le", "la", "les", "des", "du", "de", "et", "est", "une", "dans", "pour", "par", "aux", "qui", "sont"},
	"en": {"the", "of", "and", "to", "in", "shall", "be", "or", "by", "any", "with", "which", "this", "for", "is"},
	"nl": {"de", "het", "van", "een", "en", "die", "zijn", "wordt", "worden", "voor", "met", "aan", "dat", "bij", "niet"},
	"de": {"der", "die", "und", "des", "den", "zu", "von", "das", "mit", "sich", "ist", "werden", "oder", "im", "eine"},
	"it": {"il", "di", "la", "che", "e", "per", "delle", "della", "dei", "gli", "le", "un", "nel", "sono", "alla"},
}

var langSet = func() map[string]map[string]bool {
	out := map[string]map[string]bool{}
	for l, ws := range langWords {
		out[l] = map[string]bool{}
		for _, w := range ws {
			out[l][w] = true
		}
	}
	return out
}()

// detectLanguage returns the ISO 639-1 code among fr, en, nl, de, it whose
// function words are most frequent in s; "fr" when undecided.
func detectLanguage(s string) string {
	counts := map[string]int{}
	for _, w := range strings.FieldsFunc(strings.ToLower(s), func(r rune) bool {
		return !(r >= 'a' && r <= 'z' || r >= 'à' && r <= 'ÿ')
	}) {
		for l, set := range langSet {
			if set[w] {
				counts[l]++
			}
		}
	}
	best, bestN := "fr", 0
	for _, l := range []string{"fr", "en", "nl", "de", "it"} {
		if counts[l] > bestN {
			best, bestN = l, counts[l]
		}
	}
	return best
}

var (
	reKindWord = []struct {
		re   *regexp.Regexp
		kind string
	}{
		{regexp.MustCompile(`(?i)^\s*(loi|law)\b`), KindLoi},
		{regexp.MustCompile(`(?i)^\s*ordonnance\b`), KindOrdonnance},
		{regexp.MustCompile(`(?i)^\s*d[ée]cret\b`), KindDecret},
		{regexp.MustCompile(`(?i)^\s*constitution\b`), KindConstitution},
		{regexp.MustCompile(`(?i)\bcode\b`), KindCode},
		{regexp.MustCompile(`(?i)^\s*(protocole|protocol|protokoll|protocollo)\b`), KindProtocole},
		{regexp.MustCompile(`(?i)^\s*(charte|charter)\b`), KindCharte},
		{regexp.MustCompile(`(?i)^\s*(trait[ée]|treaty)(?:\s|$|[,.:;])`), KindTraite},
		{regexp.MustCompile(`(?i)^\s*(accord|agreement)\b`), KindAccord},
		{regexp.MustCompile(`(?i)(convention|übereinkommen|convenzione|verdrag)\b`), KindConvention},
		{regexp.MustCompile(`(?i)^\s*(arr[êe]t|jugement|cour de cassation|cour d'appel|tribunal|décision)(?:\s|$|[,.:;])`), KindDecision},
	}
	// "n° 2012-023", "N°2012-023", "n ° 2010-86", "nº 029-2008/AN",
	// "No. 2011-036/P-RM", with any dash.
	reTitleNumber = regexp.MustCompile(`(?i)\bn(?:o\.?|\s?[°º]|\s)\s?([0-9]{1,4}\s?[-–‑‐‒—]\s?[0-9]{1,4}(?:\s?/\s?[A-Z]+(?:[-–][A-Z]+)*)?)`)
	reDashes      = regexp.MustCompile(`\s?[-–‑‐‒—]\s?`)
	// "du 12 juillet 2012", "1er juillet 2012", "16 DÉCEMBRE 2010".
	reTitleDate = regexp.MustCompile(`(?i)(?:^|[^0-9])(1\s?er|1ᵉʳ|premier|[0-9]{1,2})\s+(janvier|f[ée]vrier|mars|avril|mai|juin|juillet|ao[uû]t|septembre|octobre|novembre|d[ée]cembre)\s+([0-9]{4})\b`)
	// "12/07/2012", "12.07.2012".
	reNumericDate = regexp.MustCompile(`\b([0-3]?[0-9])[/.]([01]?[0-9])[/.]((?:19|20)[0-9]{2})\b`)
	// The head of a legal text: "LOI N°…", "Ordonnance n° …", "Décret…".
	// reTitleInside is an act's title keyword and number inside a block,
	// in capitals as an official heading writes it: "LOI N°", "ORDONNANCE
	// N°", "DÉCRET N°".
	reTitleInside = regexp.MustCompile(`\b(?:LOI|ORDONNANCE|D[ÉE]CRET|ARR[ÊE]T[ÉE])\s+N\s?[°º]?\s?\d`)
	reTitleLine   = regexp.MustCompile(`(?i)^\s*(loi|ordonnance|d[ée]cret|arr[êe]t[ée]|code|convention|protocole|trait[ée]|charte|accord|constitution)\b`)
)

// stateNames maps how the texts of the region name their state ("République
// du Mali", "Burkina Faso") to ISO 3166-1 codes.
var stateNames = []struct {
	re   *regexp.Regexp
	code string
}{
	{regexp.MustCompile(`(?i)r[ée]publique\s+du\s+mali\b`), "ml"},
	{regexp.MustCompile(`(?i)r[ée]publique\s+du\s+niger\b`), "ne"},
	{regexp.MustCompile(`(?i)r[ée]publique\s+du\s+s[ée]n[ée]gal\b`), "sn"},
	{regexp.MustCompile(`(?i)\bburkina\s+faso\b`), "bf"},
	{regexp.MustCompile(`(?i)r[ée]publique\s+de\s+c[ôo]te\s+d['’]\s?ivoire\b`), "ci"},
	{regexp.MustCompile(`(?i)r[ée]publique\s+du\s+b[ée]nin\b`), "bj"},
	{regexp.MustCompile(`(?i)r[ée]publique\s+togolaise\b`), "tg"},
	{regexp.MustCompile(`(?i)r[ée]publique\s+de\s+guin[ée]e\b(?:[^-]|$)`), "gn"},
	{regexp.MustCompile(`(?i)r[ée]publique\s+de\s+guin[ée]e-bissau\b`), "gw"},
	{regexp.MustCompile(`(?i)r[ée]publique\s+islamique\s+de\s+mauritanie\b`), "mr"},
	{regexp.MustCompile(`(?i)r[ée]publique\s+du\s+tchad\b`), "td"},
	{regexp.MustCompile(`(?i)r[ée]publique\s+du\s+cameroun\b`), "cm"},
	{regexp.MustCompile(`(?i)r[ée]publique\s+du\s+cap-vert\b|r[ée]publique\s+de\s+cabo\s+verde\b`), "cv"},
	{regexp.MustCompile(`(?i)r[ée]publique\s+de\s+gambie\b|republic\s+of\s+the\s+gambia\b`), "gm"},
	{regexp.MustCompile(`(?i)republic\s+of\s+ghana\b`), "gh"},
	{regexp.MustCompile(`(?i)federal\s+republic\s+of\s+nigeria\b`), "ng"},
	{regexp.MustCompile(`(?i)r[ée]publique\s+fran[çc]aise\b`), "fr"},
}

// jurisdictionFromText finds the state a text names in its heading
// ("RÉPUBLIQUE DU MALI — Un Peuple – Un But – Une Foi"); "" when none.
func jurisdictionFromText(head string) string {
	for _, s := range stateNames {
		if s.re.MatchString(head) {
			return s.code
		}
	}
	return ""
}

// inferNumber reads an official number in a title ("n° 2012-023"),
// dashes normalised to "-", spaces dropped.
func inferNumber(title string) string {
	m := reTitleNumber.FindStringSubmatch(title)
	if m == nil {
		return ""
	}
	n := reDashes.ReplaceAllString(m[1], "-")
	return strings.Join(strings.Fields(n), "")
}

// capitalsRun cuts a title typed in capitals where the text after it
// begins ("LOI N°2012-023 DU 12 JUILLET 2012 RELATIVE À… ASSIMILÉES
// L'Assemblée nationale a délibéré…", the lines of a PDF joined): at the
// first word with a lower-case letter after at least three words without
// one. A title in ordinary case is returned whole.
func capitalsRun(t string) string {
	words := strings.Fields(t)
	for i, w := range words {
		if strings.IndexFunc(w, unicode.IsLower) >= 0 {
			if i >= 3 {
				return strings.Join(words[:i], " ")
			}
			return t
		}
	}
	return t
}

// titleLine picks, among the first blocks of a text, the line that names
// the instrument ("LOI N°2012-023 DU 12 JUILLET 2012 RELATIVE À…") rather
// than the state's heading; "" when none does.
func titleLine(blocks []block) string {
	for i, b := range blocks {
		if i >= 20 {
			break
		}
		t := strings.Join(strings.Fields(b.text), " ")
		if _, _, ok := articleHead(t); ok {
			break
		}
		if !reTitleLine.MatchString(t) {
			// "REPUBLIQUE DU MALI LOI N°…": a PDF's state heading joined
			// to the title line; the title starts at its keyword
			if m := reTitleInside.FindStringIndex(t); m != nil && m[0] > 0 && m[0] < 200 {
				t = t[m[0]:]
			}
		}
		if reTitleLine.MatchString(t) && (reTitleNumber.MatchString(t) || reTitleDate.MatchString(t) || utf8.RuneCountInString(t) < 300) {
			t = capitalsRun(t)
			if r := []rune(t); len(r) > 400 {
				t = string(r[:400]) + "…"
			}
			return t
		}
	}
	return ""
}

// inferKind guesses the kind of text from its title and folder.
func inferKind(title, rel string) string {
	if strings.HasPrefix(rel, "decisions/") {
		return KindDecision
	}
	for _, k := range reKindWord {
		if k.re.MatchString(title) {
			return k.kind
		}
	}
	return ""
}

// inferDate reads the first date of a title, in any French form ("du 12
// juillet 2012", "1er juillet 2012", "16 DÉCEMBRE 2010", "12/07/2012"), as
// "2012-07-12".
func inferDate(title string) string {
	m := reTitleDate.FindStringSubmatch(title)
	if m == nil {
		if n := reNumericDate.FindStringSubmatch(title); n != nil {
			var d, mo int
			fmt.Sscan(n[1], &d)
			fmt.Sscan(n[2], &mo)
			if d >= 1 && d <= 31 && mo >= 1 && mo <= 12 {
				return fmt.Sprintf("%s-%02d-%02d", n[3], mo, d)
			}
		}
		return ""
	}
	month := 0
	for i, name := range frenchMonths {
		if foldASCII(name) == foldASCII(m[2]) {
			month = i + 1
		}
	}
	day := 0
	switch dd := strings.ToLower(strings.ReplaceAll(m[1], " ", "")); dd {
	case "1er", "1ᵉʳ", "premier":
		day = 1
	default:
		fmt.Sscan(dd, &day)
	}
	if day < 1 || day > 31 || month == 0 {
		return ""
	}
	return fmt.Sprintf("%s-%02d-%02d", m[3], month, day)
}

func foldASCII(s string) string {
	return strings.NewReplacer("é", "e", "è", "e", "û", "u", "ô", "o").Replace(strings.ToLower(s))
}

// jurisdictionFromPath reads national/XX/… and decisions/XX/… folders.
func jurisdictionFromPath(rel string) string {
	parts := strings.Split(rel, "/")
	if len(parts) >= 3 && (parts[0] == "national" || parts[0] == "decisions") && len(parts[1]) == 2 {
		return parts[1]
	}
	return ""
}

// defaultID derives a document id from the relative path: extension and
// the top folder (national, international, regional, decisions) dropped.
func defaultID(rel string) string {
	r := rel
	for _, ext := range []string{".asp.html", ".html", ".htm", ".md", ".markdown", ".txt", ".pdf", ".json", ".xml"} {
		if strings.HasSuffix(strings.ToLower(r), ext) {
			r = r[:len(r)-len(ext)]
			break
		}
	}
	for _, top := range []string{"national/", "international/", "regional/", "decisions/"} {
		r = strings.TrimPrefix(r, top)
	}
	id := Slug(r)
	if id == "" {
		id = "document"
	}
	return id
}

// finish applies metadata (inferred first, then overlay and sidecar, the
// stronger last), fixes the document id and the provision ids, and lists
// the metadata that stayed unknown.
func finish(d *Document, u unit, metas []*Meta) {
	if d.Kind == "" {
		d.Kind = inferKind(d.Title, u.rel)
	}
	if d.Date == "" {
		d.Date = inferDate(d.Title)
	}
	if d.Number == "" {
		d.Number = inferNumber(d.Title)
	}
	if d.Jurisdiction == "" {
		d.Jurisdiction = jurisdictionFromPath(u.rel)
	}
	if d.Jurisdiction == "" && d.Kind != KindDecision {
		head := d.Title + "\n" + d.Preamble
		if r := []rune(head); len(r) > 3000 {
			head = string(r[:3000])
		}
		d.Jurisdiction = jurisdictionFromText(head)
	}
	loaderID := d.ID
	for _, m := range metas {
		if loaderID != "" && m.ID != "" && len(m.Languages) == 0 {
			// A file yielding many documents (a decision list) keeps its
			// per-decision ids; the overlay gives shared fields only.
			saved := d.ID
			m.apply(d)
			d.ID = saved
			continue
		}
		m.apply(d)
	}
	for _, m := range metas {
		if m.ID != "" && m.ID == d.ID || m.Languages[d.Language] != nil && m.Languages[d.Language].ID == d.ID && d.ID != "" {
			d.ExplicitID = true
		}
	}
	if d.ID == "" {
		d.ID = defaultID(u.rel)
		if len(splitLangSuffix(u.rel)) > 1 {
			d.ID += "-" + d.Language
		}
	}
	if d.WorkID == "" {
		d.WorkID = d.ID
	}
	if d.Kind == "" {
		d.Kind = KindAutre
	}
	if d.FRBRURI == "" && d.Jurisdiction != "" && d.Kind != KindAutre && d.Date != "" {
		d.FRBRURI = DefaultFRBRURI(d)
	}
	if d.Authority == "" {
		d.Authority = AuthorityTranscription
		if d.Kind == KindDecision && d.Format == "pdf" {
			d.Authority = AuthorityOfficiel
		}
	}
	if d.Notes == nil {
		d.Notes = []string{}
	}
	if d.ShortTitles == nil {
		d.ShortTitles = []string{}
	}
	splitPassages(d)
	if len(d.Outline) == 0 && len(d.Provisions) > 0 {
		d.Outline = flatOutline(d.Provisions)
	}
	for i := range d.Provisions {
		p := &d.Provisions[i]
		p.ID = d.ID + "/" + p.Anchor
		if p.NumberNorm == "" && p.Number != "" {
			p.NumberNorm = NormalizeNumber(p.Number)
		}
		if p.Alineas == nil {
			p.Alineas = parseAlineas(p.Text)
		}
		if p.Language == "" {
			p.Language = d.Language
		}
		if p.Path == nil {
			p.Path = []string{}
		}
	}
	d.Incomplete = nil
	for _, f := range []struct{ name, v string }{{"title", d.Title}, {"kind", strings.TrimPrefix(d.Kind, KindAutre)}, {"jurisdiction", d.Jurisdiction}, {"date", d.Date}} {
		if f.v == "" {
			d.Incomplete = append(d.Incomplete, f.name)
		}
	}
}

// splitLangSuffix returns the language codes of a "-en-nl"/"-fr-nl" file
// name, or one element for other files.
func splitLangSuffix(rel string) []string {
	base := strings.TrimSuffix(rel[strings.LastIndex(rel, "/")+1:], ".md")
	f := strings.Split(base, "-")
	if len(f) >= 3 && len(f[len(f)-1]) == 2 && len(f[len(f)-2]) == 2 {
		return f[len(f)-2:]
	}
	return []string{""}
}
