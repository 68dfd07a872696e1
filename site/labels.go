package site

import (
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"

	"lextraite/corpus"
)

// jurisdictionNames are the French names of the jurisdiction codes; an
// unknown code is shown as is, in capitals.
var jurisdictionNames = map[string]string{
	"ml": "Mali", "ne": "Niger", "sn": "Sénégal", "bf": "Burkina Faso", "ci": "Côte d'Ivoire",
	"gn": "Guinée", "mr": "Mauritanie", "td": "Tchad", "tg": "Togo", "bj": "Bénin",
	"gw": "Guinée-Bissau", "gm": "Gambie", "ng": "Nigeria", "gh": "Ghana", "cv": "Cap-Vert",
	"lr": "Liberia", "sl": "Sierra Leone", "dz": "Algérie", "ma": "Maroc", "tn": "Tunisie",
	"ly": "Libye", "cm": "Cameroun", "fr": "France", "be": "Belgique", "ch": "Suisse",
	"lu": "Luxembourg", "ca": "Canada", "it": "Italie", "es": "Espagne", "de": "Allemagne",
	"nl": "Pays-Bas", "gb": "Royaume-Uni",
	"un": "Nations unies", "ilo": "OIT", "coe": "Conseil de l'Europe", "au": "Union africaine",
	"ecowas": "CEDEAO", "int": "International", "eu": "Union européenne",
}

// kindNames are the French labels of the kind codes.
var kindNames = map[string]string{
	corpus.KindLoi: "Loi", corpus.KindOrdonnance: "Ordonnance", corpus.KindDecret: "Décret",
	corpus.KindCode: "Code", corpus.KindConstitution: "Constitution", corpus.KindTraite: "Traité",
	corpus.KindConvention: "Convention", corpus.KindProtocole: "Protocole",
	corpus.KindCharte: "Charte", corpus.KindAccord: "Accord", corpus.KindDecision: "Décision",
	corpus.KindTravauxPreparatoires: "Travaux préparatoires", corpus.KindAutre: "Autre",
}

// languageNames are the French names of the ISO 639-1 codes.
var languageNames = map[string]string{
	"fr": "français", "en": "anglais", "nl": "néerlandais", "de": "allemand", "it": "italien",
	"es": "espagnol", "pt": "portugais", "ar": "arabe",
}

// facetNames are the headings of the facets, by URL parameter.
var facetNames = map[string]string{
	"juridiction": "Juridiction", "type": "Type de texte", "annee": "Année", "langue": "Langue",
	"cour": "Cour (décisions)",
}

var monthNames = [...]string{"janvier", "février", "mars", "avril", "mai", "juin", "juillet",
	"août", "septembre", "octobre", "novembre", "décembre"}

func jurisdictionLabel(code string) string {
	if n, ok := jurisdictionNames[code]; ok {
		return n
	}
	if code == "" {
		return "juridiction inconnue"
	}
	return strings.ToUpper(code)
}

func kindLabel(code string) string {
	if n, ok := kindNames[code]; ok {
		return n
	}
	if code == "" {
		return "type inconnu"
	}
	return code
}

func languageLabel(code string) string {
	if n, ok := languageNames[code]; ok {
		return n
	}
	return code
}

// facetValueLabel is how a facet value is shown.
func facetValueLabel(facet, value string) string {
	switch facet {
	case "juridiction":
		return jurisdictionLabel(value)
	case "type":
		return kindLabel(value)
	case "langue":
		return languageLabel(value)
	}
	return value
}

// dateLabel writes an ISO date in French: "2012-07-12" → "12 juillet 2012",
// "2012-07" → "juillet 2012", "2012" → "2012"; anything else as is.
func dateLabel(date string) string {
	if date == "" {
		return "date inconnue"
	}
	parts := strings.Split(date, "-")
	if len(parts) < 2 || len(parts) > 3 || len(parts[0]) != 4 {
		return date
	}
	m := atoiSmall(parts[1])
	if m < 1 || m > 12 {
		return date
	}
	s := monthNames[m-1] + " " + parts[0]
	if len(parts) == 3 {
		d := atoiSmall(parts[2])
		if d < 1 || d > 31 {
			return date
		}
		day := strconv.Itoa(d)
		if d == 1 {
			day = "1er"
		}
		s = day + " " + s
	}
	return s
}

// articleLabel is how a provision number is shown: "Art. 225-4-1",
// "Art. premier"; a document without number gets "Document".
func articleLabel(number string) string {
	if number == "" {
		return "Document"
	}
	return "Art. " + number
}

// namedByHeading reports whether p is an annex, schedule, form or passage (of a
// long text without articles): a provision without number, named by its
// heading ("FORMULE 5 Mandat de perquisition", "ANNEXE DE LA PARTIE XX.1",
// "Passage 3").
func namedByHeading(p *corpus.Provision) bool {
	return p.Number == "" && p.Heading != "" &&
		(p.Kind == corpus.ProvisionAnnexe || p.Kind == corpus.ProvisionFormule || p.Kind == corpus.ProvisionPassage)
}

// provisionLabel is how p is named in lists and headings: articleLabel of
// its number, or the heading of an annex or a form (which then needs no
// separate heading: see provisionHeading).
func provisionLabel(p *corpus.Provision) string {
	if namedByHeading(p) {
		return p.Heading
	}
	return articleLabel(p.Number)
}

// rangeLabel names the provisions first to last of a part: "art. 3 à 7",
// "Art. 3" for one, "art. 849 à FORMULE 5" or "FORMULE 1 à FORMULE 9" when
// annexes or forms (named by the designation that begins their heading) are
// among them.
func rangeLabel(first, last *corpus.Provision) string {
	if first == last {
		return provisionLabel(first)
	}
	name := func(p *corpus.Provision) string {
		if !namedByHeading(p) {
			return p.Number
		}
		return annexDesignation(p.Heading)
	}
	if namedByHeading(first) {
		return name(first) + " à " + name(last)
	}
	return "art. " + name(first) + " à " + name(last)
}

// annexDesignation is the designation that begins an annex heading: its
// words up to the first one not in capitals ("FORMULE 5", "ANNEXE DE LA
// PARTIE XXII.1"), at least the first word, at most six.
func annexDesignation(heading string) string {
	words := strings.Fields(heading)
	n := min(1, len(words))
	for n < len(words) && n < 6 && strings.ToUpper(words[n]) == words[n] {
		n++
	}
	return strings.Join(words[:n], " ")
}

// provisionHeading is the heading shown after provisionLabel: none for an
// annex or a form, whose label is already its heading.
func provisionHeading(p *corpus.Provision) string {
	if namedByHeading(p) {
		return ""
	}
	return p.Heading
}

// referenceTo is reference for provision p: the instrument and the article
// number, or the heading of an annex or a form ("Code criminel (Canada),
// FORMULE 5 Mandat de perquisition").
func referenceTo(d *corpus.Document, p *corpus.Provision) string {
	if !namedByHeading(p) {
		return reference(d, p.Number)
	}
	name := instrumentName(d) + ", " + p.Heading
	if d.Language != "" && d.Language != "fr" {
		name += ", version " + languageAdjective(d.Language)
	}
	return name
}

// reference is the citation a reader copies: "Code pénal (France), art.
// 225-4-1". It names the instrument, not the extract: the first short title,
// else the title, followed by the jurisdiction unless the name already
// carries it; a version in another language than French says so.
func reference(d *corpus.Document, number string) string {
	name := instrumentName(d)
	if number != "" {
		name += ", art. " + number
	}
	if d.Language != "" && d.Language != "fr" {
		name += ", version " + languageAdjective(d.Language)
	}
	return name
}

// instrumentName is the name of d's instrument with its jurisdiction:
// "Code pénal (France)", "Protocole de Palerme (Nations unies)".
func instrumentName(d *corpus.Document) string {
	name := d.Title
	if len(d.ShortTitles) > 0 && d.ShortTitles[0] != "" && d.Kind != corpus.KindDecision {
		name = d.ShortTitles[0]
	}
	if name == "" {
		name = d.ID
	}
	if d.Jurisdiction != "" && d.Jurisdiction != "int" {
		j := jurisdictionLabel(d.Jurisdiction)
		if !strings.Contains(strings.ToLower(name), strings.ToLower(j)) {
			name += " (" + j + ")"
		}
	}
	return name
}

// languageAdjectives qualify a version: "version anglaise".
var languageAdjectives = map[string]string{
	"fr": "française", "en": "anglaise", "nl": "néerlandaise", "de": "allemande", "it": "italienne",
	"es": "espagnole", "pt": "portugaise", "ar": "arabe", "ru": "russe", "zh": "chinoise",
}

func languageAdjective(code string) string {
	if a, ok := languageAdjectives[code]; ok {
		return a
	}
	return code
}

// warnings are the cautions shown beside a document's text: a
// transcription, then the notes.
func warnings(d *corpus.Document) []string {
	var w []string
	if d.Authority == corpus.AuthorityTranscription {
		w = append(w, "transcription non officielle : vérifier sur le texte publié au journal officiel")
	} else if d.Authority == "" {
		w = append(w, "origine du texte non précisée")
	}
	return append(w, d.Notes...)
}

// hasWord reports whether the lower-case text l has one of words as a whole
// word: "extrait" is in « extrait du code », not in « lextraite » nor in
// « copie extraite du Journal officiel ».
func hasWord(l string, words ...string) bool {
	for _, w := range strings.FieldsFunc(l, func(r rune) bool { return !unicode.IsLetter(r) }) {
		if slices.Contains(words, w) {
			return true
		}
	}
	return false
}

// shortWarnings are the few words appended to a copied reference: the
// notes are too long for a citation, so they are reduced to what a reader
// of the citation must know (transcription, partial text, translation,
// consolidation date, numbering since changed).
func shortWarnings(d *corpus.Document) []string {
	var w []string
	add := func(s string) {
		if !slices.Contains(w, s) {
			w = append(w, s)
		}
	}
	switch d.Authority {
	case corpus.AuthorityTranscription:
		add("transcription non officielle")
	case "":
		add("origine non précisée")
	}
	for _, n := range d.Notes {
		l := strings.ToLower(n)
		switch {
		case strings.Contains(l, "non authentique") || strings.Contains(l, "ne fait pas foi") ||
			strings.HasPrefix(l, "traduction"):
			add("traduction sans valeur officielle")
		}
		if hasWord(l, "partiel", "partielle", "partiels", "partielles", "partiellement", "extrait", "extraits") {
			add("texte partiel")
		}
		if strings.Contains(l, "numérotation") || strings.Contains(l, "renuméro") {
			add("numérotation modifiée depuis")
		}
		if m := reConsolidated.FindStringSubmatch(n); m != nil {
			add("état au " + dateLabel(m[1]))
		}
	}
	return w
}

// reConsolidated finds a consolidation date in a note ("état au
// 2025-04-10", "à jour au 2026-01-01").
var reConsolidated = regexp.MustCompile(`(?:état|à jour) au (\d{4}-\d{2}-\d{2})`)

// authenticLanguages are the languages whose texts are authentic for the
// treaties of an organisation (their final clauses), used when a document's
// notes do not say.
var authenticLanguages = map[string][]string{
	"un":     {"ar", "zh", "en", "fr", "ru", "es"},
	"ilo":    {"en", "fr"},
	"coe":    {"en", "fr"},
	"au":     {"ar", "en", "fr", "pt"},
	"ecowas": {"en", "fr", "pt"},
}

// authenticity says whether d's text is an authentic version of its
// instrument: "fait foi", "traduction" or "" when unknown. Notes win
// ("Traduction néerlandaise (non authentique)…"); then the organisation's
// official languages for its treaties.
func authenticity(d *corpus.Document) string {
	for _, n := range d.Notes {
		l := strings.ToLower(n)
		if strings.Contains(l, "non authentique") || strings.Contains(l, "ne fait pas foi") ||
			strings.HasPrefix(l, "traduction") {
			return "traduction"
		}
	}
	if langs, ok := authenticLanguages[d.Jurisdiction]; ok && d.Language != "" {
		if slices.Contains(langs, d.Language) {
			return "fait foi"
		}
		return "traduction"
	}
	return ""
}

// fieldLabels translates metadata field names (corpus.FieldLabels).
func fieldLabels(fields []string) []string { return corpus.FieldLabels(fields) }

// timeLabel writes an RFC 3339 time in French ("1er janvier 2000 à 09:30
// UTC"); anything else as is.
func timeLabel(s string) string {
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		return s
	}
	t = t.UTC()
	return dateLabel(t.Format("2006-01-02")) + " à " + t.Format("15:04") + " UTC"
}

// atoiSmall parses a short run of ASCII digits, -1 otherwise.
func atoiSmall(s string) int {
	if s == "" || len(s) > 4 || strings.Trim(s, "0123456789") != "" {
		return -1
	}
	n, _ := strconv.Atoi(s)
	return n
}
