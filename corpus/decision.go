package corpus

import (
	"fmt"
	"os"
	"path"
	"regexp"
	"strings"

	"gopkg.in/yaml.v3"
)

// Decision holds what prosecutors search case law by, after the fields of
// UNODC SHERLOC's case law database: court, date, number, the charges, the
// texts applied, the outcome and sentence, and, where the decision states
// them, the victims and the form of exploitation. Fields the decision does
// not state stay empty.
type Decision struct {
	// Court is the court as the decision names it ("Cour de cassation",
	// "Cour d'appel de Chambéry").
	Court string `json:"court"`
	// Chamber is the chamber or formation ("Chambre criminelle").
	Chamber string `json:"chamber,omitempty"`
	// Date is the date of the decision, ISO 8601.
	Date string `json:"date"`
	// Number is the case number: pourvoi ("19-19.463"), RG ("20/00024").
	Number string `json:"number"`
	// ECLI is the European Case Law Identifier, when there is one.
	ECLI string `json:"ecli,omitempty"`
	// Charges are the offences prosecuted, as written ("traite des êtres
	// humains aggravée").
	Charges []string `json:"charges,omitempty"`
	// Visas are the texts applied: the "Vu l'article…" of the decision and
	// the visas of the structured record.
	Visas []string `json:"visas,omitempty"`
	// Outcome is the solution ("Rejet", "Cassation", "Confirme le jugement").
	Outcome string `json:"outcome,omitempty"`
	// Sentence is the penalty pronounced, as written.
	Sentence []string `json:"sentence,omitempty"`
	// Victims are described only where the decision states them.
	Victims *Victims `json:"victims,omitempty"`
	// Exploitation names the forms of exploitation the decision mentions
	// ("exploitation sexuelle", "travail forcé", "trafic illicite de migrants").
	Exploitation []string `json:"exploitation,omitempty"`
	// Contested is the decision appealed against, when the record gives it.
	Contested string `json:"contested,omitempty"`
	// Conflicts lists where the structured record and the text disagree.
	Conflicts []string `json:"conflicts,omitempty"`
}

// Victims are the victims as a decision states them.
type Victims struct {
	// Count is the number of victims, 0 when not stated.
	Count int `json:"count,omitempty"`
	// AgeGroup is "mineurs", "majeurs" or "mineurs et majeurs".
	AgeGroup string `json:"age_group,omitempty"`
	// Sex is "femmes", "hommes" or "femmes et hommes".
	Sex string `json:"sex,omitempty"`
}

// Decision sections: the Judilibre zones, as provision anchors and headings.
var decisionZones = []struct{ Zone, Heading string }{
	{"introduction", "Introduction"},
	{"expose", "Exposé du litige"},
	{"moyens", "Moyens"},
	{"motivations", "Motivation"},
	{"dispositif", "Dispositif"},
	{"annexes", "Annexes"},
}

func zoneHeading(z string) string {
	for _, d := range decisionZones {
		if d.Zone == z {
			return d.Heading
		}
	}
	return upperFirst(z)
}

var (
	reDecCourt    = regexp.MustCompile(`(?im)^\s*((?:COUR DE CASSATION|COUR D['’]APPEL\s+(?:DE|D['’])\s*\S[^\n]*?|TRIBUNAL\s+(?:JUDICIAIRE|DE COMMERCE|CORRECTIONNEL|DE GRANDE INSTANCE|DE PREMI[ÈE]RE INSTANCE)[^\n]*?|COUR D['’]ASSISES[^\n]*?|COUR DE JUSTICE DE LA CEDEAO))\s*$`)
	reDecDate     = regexp.MustCompile(`(?i)(?:audience publique du|arr[êe]t du|jugement du|ordonnance du|\bdu)\s+(?:(?:lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche)\s+)?(` + dateRE + `)`)
	reDecPourvoi  = regexp.MustCompile(`(?i)pourvoi\s+n\s?[°º]\s*(?:[A-Z]\s+)?(\d{2}-\d{2}\.\d{3})`)
	reDecRG       = regexp.MustCompile(`(?i)(?:\bN[o°º]\s*RG|\bRG\s*(?:n\s?[°º])?|R\.G\.)\s*:?\s*(\d{2}/\d{4,5}|\d{6,})`)
	reDecChamber  = regexp.MustCompile(`(?i)(?:COUR DE CASSATION,\s*)(CHAMBRE\s[^\n]*?|PREMI[ÈE]RE CHAMBRE CIVILE|DEUXI[ÈE]ME CHAMBRE CIVILE|TROISI[ÈE]ME CHAMBRE CIVILE)(?:,\s*DU\s|\n)|(?m)^\s*(Chambre\s+[^\n]{3,80}?)\s*$`)
	reDecVu       = regexp.MustCompile(`(?m)^\s*(Vu\s+(?:l['’]article|les\s+articles|l['’]art\.)[^\n]{3,300}?)[,;.]?\s*$`)
	reDecCharge   = regexp.MustCompile(`(?i)\b(?:des?\s+chefs?\s+d['’e]|du\s+chef\s+d['’e]|coupables?\s+d['’e]|poursuivie?s?\s+pour|prévenue?s?\s+d['’e])\s*([^.;:\n]{4,160})`)
	reDecSolution = regexp.MustCompile(`(?m)^\s*((?i:REJETTE|CASSE|ANNULE|CONFIRME|INFIRME|D[ÉE]CLARE\s+(?:IRRECEVABLE|non admis)|RELAXE|PRONONCE|CONDAMNE|ORDONNE|RENVOIE|DIT\s+N['’]Y\s+AVOIR\s+LIEU)\b[^\n]{0,200})`)
	reDecSentence = regexp.MustCompile(`(?i)\b(?:(?:\d+|un|deux|trois|quatre|cinq|six|sept|huit|neuf|dix|quinze|vingt|trente)\s+(?:ans|mois)\s+d['’]emprisonnement(?:\s+(?:dont\s+[^,.;\n]{1,40}\s+)?avec\s+sursis)?|réclusion criminelle(?:\s+à\s+perpétuité|\s+de\s+\S+\s+ans)?|amende\s+de\s+[\d\s.]+\s*(?:euros|€|francs CFA|FCFA))`)
	reDecVictims  = regexp.MustCompile(`(?i)\b(\d+|deux|trois|quatre|cinq|six|sept|huit|neuf|dix|onze|douze|quinze|vingt)\s+(?:jeunes\s+)?(victimes|femmes|filles|jeunes filles|enfants|mineurs|mineures|hommes|garçons|personnes)\b`)
	reDecMarkers  = regexp.MustCompile(`(?im)^\s*(PAR CES MOTIFS|MOTIFS DE LA D[ÉE]CISION|MOTIFS|EXPOS[ÉE] DU LITIGE|FAITS ET PROC[ÉE]DURE)\b`)
)

var frenchNumbers = map[string]int{"deux": 2, "trois": 3, "quatre": 4, "cinq": 5, "six": 6, "sept": 7, "huit": 8, "neuf": 9, "dix": 10, "onze": 11, "douze": 12, "quinze": 15, "vingt": 20}

var exploitationForms = []struct {
	re   *regexp.Regexp
	form string
}{
	{regexp.MustCompile(`(?i)exploitation\s+sexuelle|prostitution|proxénétisme`), "exploitation sexuelle"},
	{regexp.MustCompile(`(?i)travail\s+forcé|travaux\s+forcés|forced\s+labour`), "travail forcé"},
	{regexp.MustCompile(`(?i)servitude`), "servitude"},
	{regexp.MustCompile(`(?i)réduction\s+en\s+esclavage|esclavage`), "esclavage"},
	{regexp.MustCompile(`(?i)mendicité`), "mendicité forcée"},
	{regexp.MustCompile(`(?i)prélèvement\s+d['’]organes`), "prélèvement d'organes"},
	{regexp.MustCompile(`(?i)mariage\s+forcé`), "mariage forcé"},
	{regexp.MustCompile(`(?i)trafic\s+illicite\s+de\s+migrants|aide\s+à\s+l['’]entrée(?:,\s*à\s+la\s+circulation)?\s+(?:et|ou)\s+au\s+séjour\s+irréguliers`), "trafic illicite de migrants"},
}

// ExtractDecision reads the fields of a decision from its own text: the
// en-tête (court, chamber, date, number, ECLI), the visas ("Vu
// l'article…"), the motifs (charges, victims, exploitation) and the
// dispositif after "PAR CES MOTIFS" (outcome, sentence). dispositif may be
// "" when the sections are unknown: the text after "PAR CES MOTIFS" is
// used.
func ExtractDecision(text, dispositif string) *Decision {
	dec := &Decision{}
	head := text[:min(len(text), 4000)]
	if m := reDecCourt.FindStringSubmatch(head); m != nil {
		dec.Court = titleCase(strings.TrimSpace(m[1]))
	}
	if m := reDecChamber.FindStringSubmatch(head); m != nil {
		dec.Chamber = strings.TrimSpace(m[1] + m[2])
		if m[1] != "" {
			dec.Chamber = upperFirst(strings.ToLower(dec.Chamber))
		}
	}
	if m := reDecDate.FindStringSubmatch(head); m != nil {
		dec.Date = isoDate(strings.Join(strings.Fields(m[1]), " "))
	}
	if m := reDecPourvoi.FindStringSubmatch(head); m != nil {
		dec.Number = m[1]
	} else if m := reDecRG.FindStringSubmatch(head); m != nil {
		dec.Number = m[1]
	}
	if m := reECLIAny.FindString(text); m != "" {
		dec.ECLI = m
	}
	for _, m := range reDecVu.FindAllStringSubmatch(text, -1) {
		dec.Visas = appendUnique(dec.Visas, strings.Join(strings.Fields(m[1]), " "))
	}
	for _, m := range reDecCharge.FindAllStringSubmatch(text, -1) {
		if isTraffickingCharge(m[1]) {
			dec.Charges = appendUnique(dec.Charges, strings.TrimSpace(m[1]))
		}
	}
	if dispositif == "" {
		if i := strings.LastIndex(strings.ToUpper(text), "PAR CES MOTIFS"); i >= 0 {
			dispositif = text[i:]
		}
	}
	if m := reDecSolution.FindStringSubmatch(dispositif); m != nil {
		dec.Outcome = strings.TrimRight(strings.TrimSpace(m[1]), " ,;")
	}
	for _, m := range reDecSentence.FindAllString(dispositif, -1) {
		dec.Sentence = appendUnique(dec.Sentence, strings.Join(strings.Fields(m), " "))
	}
	dec.Victims = extractVictims(text)
	for _, f := range exploitationForms {
		if f.re.MatchString(text) {
			dec.Exploitation = append(dec.Exploitation, f.form)
		}
	}
	return dec
}

var reECLIAny = regexp.MustCompile(`ECLI:[A-Z]{2}:[A-Z0-9]+:\d{4}:[A-Z0-9.]*[A-Z0-9]`)

// isTraffickingCharge keeps the charges of the field (and any charge in a
// decision that is about it): traite, trafic, esclavage, servitude,
// travail forcé, proxénétisme, aide au séjour irrégulier.
func isTraffickingCharge(s string) bool {
	l := strings.ToLower(s)
	for _, w := range []string{"traite", "trafic", "esclavage", "servitude", "travail forcé", "proxénétisme", "séjour irrégulier", "entrée irrégulière", "exploitation"} {
		if strings.Contains(l, w) {
			return true
		}
	}
	return false
}

// extractVictims reads the victims where a sentence about victims states
// their number, age or sex; nil when none is stated.
func extractVictims(text string) *Victims {
	v := &Victims{}
	found := false
	for _, sent := range strings.FieldsFunc(text, func(r rune) bool { return r == '.' || r == '\n' }) {
		l := strings.ToLower(sent)
		if !strings.Contains(l, "victime") {
			continue
		}
		if m := reDecVictims.FindStringSubmatch(sent); m != nil && v.Count == 0 {
			n := frenchNumbers[strings.ToLower(m[1])]
			if n == 0 {
				fmt.Sscan(m[1], &n)
			}
			v.Count, found = n, true
		}
		minor := strings.Contains(l, "mineur") || strings.Contains(l, "enfant")
		major := strings.Contains(l, "majeur")
		switch {
		case minor && major:
			v.AgeGroup, found = "mineurs et majeurs", true
		case minor && v.AgeGroup == "":
			v.AgeGroup, found = "mineurs", true
		case major && v.AgeGroup == "":
			v.AgeGroup, found = "majeurs", true
		}
		fem := strings.Contains(l, "femme") || strings.Contains(l, "fille")
		mal := strings.Contains(l, "homme") || strings.Contains(l, "garçon")
		switch {
		case fem && mal:
			v.Sex, found = "femmes et hommes", true
		case fem && v.Sex == "":
			v.Sex, found = "femmes", true
		case mal && v.Sex == "":
			v.Sex, found = "hommes", true
		}
	}
	if !found {
		return nil
	}
	return v
}

func appendUnique(list []string, s string) []string {
	for _, x := range list {
		if x == s {
			return list
		}
	}
	return append(list, s)
}

// titleCase writes "COUR D'APPEL DE CHAMBÉRY" as "Cour d'appel de Chambéry".
func titleCase(s string) string {
	if strings.ToUpper(s) != s {
		return s
	}
	words := strings.Fields(strings.ToLower(s))
	for i, w := range words {
		switch {
		case i == 0:
			words[i] = upperFirst(w)
		case w == "de" || w == "d'" || w == "du" || w == "la" || w == "des" || w == "et":
		case strings.HasPrefix(w, "d'") || strings.HasPrefix(w, "d’"):
			if i == len(words)-1 || w == "d'appel" || w == "d’appel" || w == "d'assises" {
				break
			}
			words[i] = w[:2] + upperFirst(w[2:])
		case w == "cassation" || w == "commerce" || w == "instance" || w == "judiciaire" || w == "correctionnel":
		default:
			words[i] = upperFirst(w)
		}
	}
	return strings.Join(words, " ")
}

// MaskNames replaces every occurrence of the names (whole words, any case)
// in text by "[X]", so that they never reach the index or the page. Longer
// names are masked first ("Marie Dupont" before "Dupont").
func MaskNames(text string, names []string) string {
	var alts []string
	for _, n := range names {
		n = strings.TrimSpace(n)
		if n == "" {
			continue
		}
		alts = append(alts, namePattern(n))
	}
	if len(alts) == 0 {
		return text
	}
	// longest first: Go's alternation is leftmost-first
	for i := 1; i < len(alts); i++ {
		for j := i; j > 0 && len(alts[j]) > len(alts[j-1]); j-- {
			alts[j], alts[j-1] = alts[j-1], alts[j]
		}
	}
	re := regexp.MustCompile(`(?i)(?:` + strings.Join(alts, "|") + `)`)
	var b strings.Builder
	last := 0
	for _, m := range re.FindAllStringIndex(text, -1) {
		if !wordBoundary(text, m[0], m[1]) {
			continue
		}
		b.WriteString(text[last:m[0]])
		b.WriteString("[X]")
		last = m[1]
	}
	b.WriteString(text[last:])
	return b.String()
}

// maskSidecar returns the names listed under `mask:` in the sidecar of a
// user's file (NAME.meta.yaml or NAME.json.meta.yaml beside it).
func maskSidecar(abs string) ([]string, error) {
	for _, p := range []string{strings.TrimSuffix(abs, path.Ext(abs)) + ".meta.yaml", abs + ".meta.yaml"} {
		b, err := os.ReadFile(p)
		if err != nil {
			continue
		}
		var m struct {
			Mask []string `yaml:"mask"`
		}
		if err := yaml.Unmarshal(b, &m); err != nil {
			return nil, fmt.Errorf("métadonnées %s : YAML invalide : %w", p, err)
		}
		return m.Mask, nil
	}
	return nil, nil
}

// decisionSections splits a decision text at the markers of French
// decisions when no zones are given: introduction, exposé, motivation
// ("MOTIFS DE LA DÉCISION") and dispositif ("PAR CES MOTIFS").
func decisionSections(text string) []zoneSpan {
	var spans []zoneSpan
	cur := zoneSpan{zone: "introduction", start: 0}
	for _, m := range reDecMarkers.FindAllStringSubmatchIndex(text, -1) {
		marker := strings.ToUpper(text[m[2]:m[3]])
		zone := "motivations"
		switch {
		case strings.HasPrefix(marker, "PAR CES MOTIFS"):
			zone = "dispositif"
		case strings.HasPrefix(marker, "EXPOS"), strings.HasPrefix(marker, "FAITS"):
			zone = "expose"
		}
		if zone == cur.zone || zoneRank(zone) < zoneRank(cur.zone) {
			continue
		}
		cur.end = m[0]
		spans = append(spans, cur)
		cur = zoneSpan{zone: zone, start: m[0]}
	}
	cur.end = len(text)
	spans = append(spans, cur)
	if len(spans) == 1 {
		return nil // no marker: the decision stays one text
	}
	return spans
}

func zoneRank(z string) int {
	for i, d := range decisionZones {
		if d.Zone == z {
			return i
		}
	}
	return len(decisionZones)
}

// zoneSpan is a byte range of a decision's text belonging to one zone.
type zoneSpan struct {
	zone       string
	start, end int
}
