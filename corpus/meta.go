package corpus

import (
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"regexp"
	"slices"
	"strings"
	"time"

	"gopkg.in/yaml.v3"
)

// Meta is the metadata a YAML sidecar or overlay file gives for one unit of
// the corpus (a file, or a folder read as one document). Every field is
// optional; a set field overrides what was inferred from the text and the
// folder (DESIGN.md, "Metadata and trust").
//
// A sidecar sits beside the user's file as NAME.meta.yaml (for a folder
// FOLDER.meta.yaml beside the folder); an overlay folder mirrors the corpus
// paths: the overlay file for REL is OVERLAY/REL.meta.yaml.
type Meta struct {
	ID           string   `yaml:"id"`
	WorkID       string   `yaml:"work_id"`
	FRBRURI      string   `yaml:"frbr_uri"`
	Title        string   `yaml:"title"`
	ShortTitles  []string `yaml:"short_titles"`
	Kind         string   `yaml:"kind"`
	Jurisdiction string   `yaml:"jurisdiction"`
	Language     string   `yaml:"language"`
	Date         string   `yaml:"date"`
	Number       string   `yaml:"number"`
	Authority    string   `yaml:"authority"`
	Notes        []string `yaml:"notes"`
	// Languages overrides per language for a file holding several language
	// versions (the -en-nl/-fr-nl treaty files), keyed by ISO 639-1 code.
	Languages map[string]*Meta `yaml:"languages"`
	// Skip, when set, excludes the unit from the index with this reason.
	Skip string `yaml:"skip"`

	warnings []string // unknown keys, for Report.Warnings
}

//go:embed overlay
var overlayFS embed.FS

// DefaultOverlay is the overlay shipped with lextraite for ../shared/corpus,
// with the facts SOURCES.md states (authority, completeness, consolidation
// date, numbering since changed). Paths inside mirror the corpus paths.
func DefaultOverlay() fs.FS {
	sub, err := fs.Sub(overlayFS, "overlay")
	if err != nil {
		panic(err) // the embedded folder always exists
	}
	return sub
}

// readMeta parses a YAML metadata file. A missing file returns nil, nil.
// French key names are accepted (metaAliases); unknown keys do not stop
// the file but are kept in the Meta's warnings, with a suggestion. Nothing
// in a sidecar keeps its text out of the index: invalid values are
// dropped and a file that is not valid YAML is ignored, each reported at
// once, on one line, among the warnings. Only a file that cannot be read
// is an error.
func readMeta(fsys fs.FS, name string) (*Meta, error) {
	b, err := fs.ReadFile(fsys, name)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	var root yaml.Node
	if err := yaml.Unmarshal(b, &root); err != nil {
		return ignoredMeta(name, "YAML invalide : "+oneLine(err.Error())), nil
	}
	var m Meta
	if len(root.Content) > 0 {
		doc := root.Content[0]
		if doc.Kind != yaml.MappingNode {
			return ignoredMeta(name, "YAML invalide : attendu des lignes « clé: valeur »"), nil
		}
		var problems []string
		m.warnings, problems = normalizeMetaKeys(doc, "")
		if len(problems) > 0 {
			return ignoredMeta(name, strings.Join(problems, " ; ")), nil
		}
		if err := doc.Decode(&m); err != nil {
			return ignoredMeta(name, "YAML invalide : "+oneLine(err.Error())), nil
		}
	}
	if errs := m.sanitize(); len(errs) > 0 {
		// the text is indexed all the same, without the invalid values
		m.warnings = append(m.warnings, strings.Join(errs, " ; ")+" : valeur(s) ignorée(s), le texte est indexé sans elle(s)")
	}
	m.warnings = append(m.warnings, m.futureDates(time.Now(), "")...)
	for i, w := range m.warnings {
		m.warnings[i] = fmt.Sprintf("métadonnées %s : %s", name, w)
	}
	return &m, nil
}

// metaKeys are the keys of Meta; metaAliases the French names accepted
// for them.
var (
	metaKeys = []string{"id", "work_id", "frbr_uri", "title", "short_titles", "kind", "jurisdiction",
		"language", "date", "number", "authority", "notes", "languages", "skip"}
	metaAliases = map[string]string{
		"titre": "title", "titres_courts": "short_titles", "titre_court": "short_titles",
		"type": "kind", "nature": "kind", "juridiction": "jurisdiction", "pays": "jurisdiction",
		"langue": "language", "langues": "languages", "numero": "number", "numéro": "number",
		"n°": "number", "autorite": "authority", "autorité": "authority", "remarques": "notes",
		"ignorer": "skip",
	}
)

// normalizeMetaKeys rewrites the French keys of a metadata mapping to
// their English names, in place, and returns the warnings (unknown keys,
// with the nearest known key) and the errors (a key given twice). Inside
// languages, each language's mapping is checked the same way.
func normalizeMetaKeys(n *yaml.Node, prefix string) (warnings, problems []string) {
	seen := map[string]string{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		key := strings.ToLower(strings.TrimSpace(k.Value))
		canon := key
		if a, ok := metaAliases[key]; ok {
			canon = a
		}
		if !slices.Contains(metaKeys, canon) {
			w := fmt.Sprintf("clé inconnue « %s%s », ignorée", prefix, k.Value)
			if near := nearestMetaKey(key); near != "" {
				w += fmt.Sprintf(" : voulez-vous dire « %s » ?", near)
			}
			warnings = append(warnings, w)
			k.Value = "\x00unknown-" + k.Value // dropped by Decode
			continue
		}
		if first, dup := seen[canon]; dup {
			problems = append(problems, fmt.Sprintf("« %s%s » et « %s%s » donnent la même clé « %s »", prefix, first, prefix, k.Value, canon))
			continue
		}
		seen[canon] = k.Value
		k.Value = canon
		if canon == "languages" && v.Kind == yaml.MappingNode {
			for j := 0; j+1 < len(v.Content); j += 2 {
				if sub := v.Content[j+1]; sub.Kind == yaml.MappingNode {
					w, p := normalizeMetaKeys(sub, prefix+"languages."+v.Content[j].Value+".")
					warnings = append(warnings, w...)
					problems = append(problems, p...)
				}
			}
		}
	}
	return warnings, problems
}

// nearestMetaKey is the known key (or French alias) closest to key, when
// close enough to be a typo or a translation; "" otherwise.
func nearestMetaKey(key string) string {
	best, bestD := "", 4
	try := func(cand, canon string) {
		if d := editDistance(key, cand); d < bestD {
			best, bestD = canon, d
		}
	}
	for _, k := range metaKeys {
		try(k, k)
	}
	for a, k := range metaAliases {
		try(a, k)
	}
	limit := max(1, len([]rune(key))/3)
	if len([]rune(key)) >= 5 {
		limit = max(limit, 2) // "titel", "juridicton"
	}
	if bestD > limit {
		return ""
	}
	return best
}

// editDistance is the Levenshtein distance between a and b, in runes.
func editDistance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			c := prev[j-1]
			if ra[i-1] != rb[j-1] {
				c++
			}
			cur[j] = min(c, prev[j]+1, cur[j-1]+1)
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}

// oneLine joins a multi-line message into one line (reports show one
// line per file).
func oneLine(s string) string {
	return strings.Join(strings.Fields(s), " ")
}

// ignoredMeta is the metadata of a sidecar that cannot be used at all:
// none, and a warning that says why.
func ignoredMeta(name, why string) *Meta {
	return &Meta{warnings: []string{fmt.Sprintf("métadonnées %s : %s : fichier ignoré, le texte est indexé sans lui", name, why)}}
}

// sanitize checks the values against the Contracts of DESIGN.md, clears
// every invalid one and returns what was wrong with each.
func (m *Meta) sanitize() []string {
	var errs []string
	if m.ID != "" && Slug(m.ID) != m.ID {
		errs = append(errs, fmt.Sprintf("id %q : seuls a-z, 0-9 et - sont permis", m.ID))
		m.ID = ""
	}
	if m.Kind != "" && !validKind(m.Kind) {
		if k, ok := KindOf(m.Kind); ok {
			m.Kind = k // "Loi", "decret": the code it names
		} else {
			errs = append(errs, fmt.Sprintf("kind %q inconnu (attendu : %s)", m.Kind, strings.Join(Kinds, ", ")))
			m.Kind = ""
		}
	}
	if m.Jurisdiction != "" && !ValidJurisdiction(m.Jurisdiction) {
		if l := CodeCase(m.Jurisdiction); ValidJurisdiction(l) {
			m.Jurisdiction = l // "ML", "ECOWAS"
		} else {
			errs = append(errs, fmt.Sprintf("jurisdiction %q : code pays ISO 3166-1 en minuscules (ml, ne, sn…) ou un, au, ecowas, coe, ilo, int", m.Jurisdiction))
			m.Jurisdiction = ""
		}
	}
	if m.Language != "" && !ValidLanguage(m.Language) {
		if l := CodeCase(m.Language); ValidLanguage(l) {
			m.Language = l // "FR"
		} else {
			errs = append(errs, fmt.Sprintf("language %q : code ISO 639-1 (fr, en, nl, de, it…)", m.Language))
			m.Language = ""
		}
	}
	if m.Date != "" && !validDate(m.Date) {
		errs = append(errs, dateProblem(m.Date))
		m.Date = ""
	}
	if m.Authority != "" && m.Authority != AuthorityOfficiel && m.Authority != AuthorityTranscription {
		errs = append(errs, fmt.Sprintf("authority %q : attendu officiel ou transcription", m.Authority))
		m.Authority = ""
	}
	for _, lang := range m.languageKeys() {
		if sub := m.Languages[lang]; sub != nil {
			for _, e := range sub.sanitize() {
				errs = append(errs, "languages."+lang+"."+e)
			}
		}
	}
	return errs
}

var (
	reJurisdictionCode = regexp.MustCompile(`^[a-z]{2,10}$`)
	reLanguageCode     = regexp.MustCompile(`^[a-z]{2,3}$`)
)

// CodeCase lowercases a jurisdiction or language code typed in capitals
// ("ML", "ECOWAS", "FR"), as ISO 3166-1 and 639-1 codes are often
// written; a word in mixed case ("Mali") is returned as typed, for the
// error that follows to quote it.
func CodeCase(s string) string {
	if s == strings.ToUpper(s) {
		return strings.ToLower(s)
	}
	return s
}

// ValidJurisdiction reports whether code has the shape of a jurisdiction
// code of DESIGN.md: ISO 3166-1 alpha-2 in lowercase ("ml") or an
// organisation ("un", "ecowas"): 2 to 10 lowercase letters.
func ValidJurisdiction(code string) bool { return reJurisdictionCode.MatchString(code) }

// ValidLanguage reports whether code has the shape of an ISO 639 language
// code: 2 or 3 lowercase letters.
func ValidLanguage(code string) bool { return reLanguageCode.MatchString(code) }

// fieldNames are the French names of the metadata fields, as
// Document.Incomplete lists them in English.
var fieldNames = map[string]string{"title": "titre", "kind": "type", "jurisdiction": "juridiction",
	"date": "date", "language": "langue", "number": "numéro", "authority": "origine"}

// FieldLabels returns the French names of metadata fields ("kind" →
// "type"), for messages to users; an unknown name is kept.
func FieldLabels(fields []string) []string {
	out := make([]string, len(fields))
	for i, f := range fields {
		if n, ok := fieldNames[f]; ok {
			f = n
		}
		out[i] = f
	}
	return out
}

// languageKeys returns the language codes of m.Languages, sorted, so that
// problems are reported in a stable order.
func (m *Meta) languageKeys() []string {
	langs := make([]string, 0, len(m.Languages))
	for lang := range m.Languages {
		langs = append(langs, lang)
	}
	slices.Sort(langs)
	return langs
}

// futureDates returns a warning for each date of m (and of its language
// versions) later than now: a law or a decision is dated when it is
// adopted or delivered, so « 2099 » is a typing error to check, not a
// reason to skip the document. prefix names the enclosing key.
func (m *Meta) futureDates(now time.Time, prefix string) []string {
	var out []string
	if m.Date != "" && validDate(m.Date) && m.Date > now.Format("2006-01-02")[:len(m.Date)] {
		out = append(out, fmt.Sprintf("%sdate %q postérieure à aujourd'hui (%s) : à vérifier", prefix, m.Date, now.Format("2006-01-02")))
	}
	for _, lang := range m.languageKeys() {
		if sub := m.Languages[lang]; sub != nil {
			out = append(out, sub.futureDates(now, prefix+"languages."+lang+".")...)
		}
	}
	return out
}

// dateProblem says what is wrong with a date that validDate refuses: its
// shape, or a day that does not exist ("2024-02-31").
func dateProblem(d string) string {
	if reDateShape.MatchString(d) {
		return fmt.Sprintf("date %q : ce jour n'existe pas", d)
	}
	return fmt.Sprintf("date %q : attendu AAAA-MM-JJ (ou AAAA-MM, AAAA)", d)
}

var reDateShape = regexp.MustCompile(`^\d{4}(?:-\d{2}(?:-\d{2})?)?$`)

// validDate accepts an ISO 8601 calendar date "YYYY-MM-DD", "YYYY-MM" or
// "YYYY" that exists.
func validDate(s string) bool {
	for _, layout := range []string{"2006-01-02", "2006-01", "2006"} {
		if len(s) == len(layout) {
			if _, err := time.Parse(layout, s); err == nil {
				return true
			}
		}
	}
	return false
}

func validKind(k string) bool {
	for _, v := range Kinds {
		if v == k {
			return true
		}
	}
	return false
}

// apply copies the set fields of m onto d.
func (m *Meta) apply(d *Document) {
	if m == nil {
		return
	}
	set := func(dst *string, v string) {
		if v != "" {
			*dst = v
		}
	}
	set(&d.ID, m.ID)
	set(&d.WorkID, m.WorkID)
	set(&d.FRBRURI, m.FRBRURI)
	set(&d.Title, m.Title)
	set(&d.Kind, m.Kind)
	set(&d.Jurisdiction, m.Jurisdiction)
	set(&d.Language, m.Language)
	set(&d.Date, m.Date)
	set(&d.Number, m.Number)
	set(&d.Authority, m.Authority)
	if len(m.ShortTitles) > 0 {
		d.ShortTitles = append([]string(nil), m.ShortTitles...)
	}
	// Notes add up: a warning found by the loader (OCR, contradictory
	// metadata) is never hidden by an overlay's own warnings.
	for _, n := range m.Notes {
		if !slices.Contains(d.Notes, n) {
			d.Notes = append(d.Notes, n)
		}
	}
	if sub := m.Languages[d.Language]; sub != nil {
		sub.apply(d)
	}
}

// metaSources are where metadata for one corpus unit is looked up, weakest
// first: the shipped overlay, the user's -meta folder, a sidecar.
type metaSources struct {
	overlays []fs.FS
}

// lookup returns the merged metadata for the unit at rel (a corpus-relative
// path with forward slashes) whose absolute path is abs.
func (s metaSources) lookup(rel, abs string) ([]*Meta, error) {
	var out []*Meta
	for _, o := range s.overlays {
		m, err := readMeta(o, path.Clean(rel)+".meta.yaml")
		if err != nil {
			return nil, err
		}
		if m != nil {
			out = append(out, m)
		}
	}
	side := strings.TrimSuffix(abs, "/") + ".meta.yaml"
	if ext := path.Ext(abs); ext != "" {
		// NAME.meta.yaml beside NAME.pdf as well as NAME.pdf.meta.yaml
		alt := strings.TrimSuffix(abs, ext) + ".meta.yaml"
		if _, err := os.Stat(alt); err == nil {
			side = alt
		}
	}
	dir, name := path.Split(side)
	m, err := readMeta(os.DirFS(dirOrDot(dir)), name)
	if err != nil {
		return nil, err
	}
	if m != nil {
		out = append(out, m)
	}
	return out, nil
}

func dirOrDot(d string) string {
	if d == "" {
		return "."
	}
	return d
}
