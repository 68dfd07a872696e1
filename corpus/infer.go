package corpus

import (
	"fmt"
	"regexp"
	"strings"
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
		{regexp.MustCompile(`(?i)^\s*(trait[ée]|treaty)\b`), KindTraite},
		{regexp.MustCompile(`(?i)^\s*(accord|agreement)\b`), KindAccord},
		{regexp.MustCompile(`(?i)(convention|übereinkommen|convenzione|verdrag)\b`), KindConvention},
		{regexp.MustCompile(`(?i)^\s*(arr[êe]t|jugement|cour de cassation|cour d'appel|tribunal|décision)\b`), KindDecision},
	}
	reTitleNumber = regexp.MustCompile(`(?i)\bn\s?[°ºo]\.?\s?([0-9]{2,4}\s?[-–‑]\s?[0-9]{1,4}(?:/[A-Z-]+)?)`)
	reTitleDate   = regexp.MustCompile(`(?i)\bdu\s+(1er|[0-9]{1,2})\s+(janvier|février|fevrier|mars|avril|mai|juin|juillet|août|aout|septembre|octobre|novembre|décembre|decembre)\s+([0-9]{4})`)
)

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

// inferDate reads "du 12 juillet 2012" in a title as "2012-07-12".
func inferDate(title string) string {
	m := reTitleDate.FindStringSubmatch(title)
	if m == nil {
		return ""
	}
	month := 0
	for i, name := range frenchMonths {
		if strings.EqualFold(foldASCII(name), foldASCII(m[2])) {
			month = i + 1
		}
	}
	day := m[1]
	if strings.EqualFold(day, "1er") {
		day = "1"
	}
	var d int
	fmt.Sscan(day, &d)
	return fmt.Sprintf("%s-%02d-%02d", m[3], month, d)
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
		if m := reTitleNumber.FindStringSubmatch(d.Title); m != nil {
			d.Number = strings.Join(strings.Fields(m[1]), "")
		}
	}
	if d.Jurisdiction == "" {
		d.Jurisdiction = jurisdictionFromPath(u.rel)
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
	for i := range d.Provisions {
		p := &d.Provisions[i]
		p.ID = d.ID + "/" + p.Anchor
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
