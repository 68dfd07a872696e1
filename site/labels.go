package site

import (
	"strconv"
	"strings"
	"time"

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

// reference is the citation a reader copies: "Code pénal (France), art.
// 225-4-1", from the first short title or the title.
func reference(d *corpus.Document, number string) string {
	name := d.Title
	if len(d.ShortTitles) > 0 && d.ShortTitles[0] != "" {
		name = d.ShortTitles[0]
	}
	if name == "" {
		name = d.ID
	}
	if d.Jurisdiction != "" {
		name += " (" + jurisdictionLabel(d.Jurisdiction) + ")"
	}
	if number != "" {
		name += ", art. " + number
	}
	return name
}

// warnings are the cautions shown beside a document's text and appended to
// its references: a transcription, then the notes.
func warnings(d *corpus.Document) []string {
	var w []string
	if d.Authority == corpus.AuthorityTranscription {
		w = append(w, "transcription non officielle : vérifier sur le texte publié au journal officiel")
	} else if d.Authority == "" {
		w = append(w, "origine du texte non précisée")
	}
	return append(w, d.Notes...)
}

// fieldNames are the French names of Document.Incomplete's fields.
var fieldNames = map[string]string{"title": "titre", "kind": "type", "jurisdiction": "juridiction",
	"date": "date", "language": "langue", "number": "numéro", "authority": "origine"}

// fieldLabels translates metadata field names.
func fieldLabels(fields []string) []string {
	out := make([]string, len(fields))
	for i, f := range fields {
		if n, ok := fieldNames[f]; ok {
			f = n
		}
		out[i] = f
	}
	return out
}

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
