#pragma once
// The invitation letters of an invitation draw as a PDF mail merge: one A4 page per invitee, for a
// window envelope (DL, window on the right), with the city's letterhead, the invitee's name and
// address, the response code and a QR code to the answer form. Pure: no database, no HTTP; the
// caller brings the letters (from the sealed personal data) and stores the bytes.
//
// The PDF is made with libharu (base-14 fonts, WinAnsiEncoding: the text is converted from UTF-8
// to Windows-1252, a character outside it replaced by its letter without the accent or by '?'),
// the QR code with libqrencode (error correction level M). Every libharu error becomes a
// std::runtime_error naming the libharu error code.
#include <cstddef>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace notifications::letters {

// One invitee's letter.
struct Letter {
  std::string name;                        // as on the envelope: "Mme Zoé Lefèvre"
  std::vector<std::string> address_lines;  // street, ..., "75011 Paris" (at most 5 printed)
  std::string code;                        // the response code, "ABCDE-FGHJK"
  // The answer form's address with the code, what the QR code holds:
  // https://<site>/repondre?code=ABCDE-FGHJK. Empty: no QR code.
  std::string answer_url;
};

// What is the same on every letter of a draw. In the paragraphs, {deadline}, {answer_address},
// {phone} and {secretariat} are replaced by the fields of the same name. The defaults are the
// letter of the Assemblée citoyenne de Paris (typographic apostrophes, no-break spaces before
// the double punctuation, as French is printed).
struct Letterhead {
  std::string city = "Ville de Paris";
  std::string assembly = "Assemblée citoyenne de Paris";
  // The sender's address under the letterhead (also where to answer by post).
  std::vector<std::string> sender_lines = {"Secrétariat de l’Assemblée citoyenne", "Hôtel de Ville",
                                           "75196 Paris Cedex 04"};
  std::string phone = "3975";  // the city’s information line; each city sets its own
  std::string secretariat =
      "Secrétariat de l’Assemblée citoyenne, Hôtel de Ville, 75196 Paris Cedex 04";
  std::string date_line = "Paris, le 7 décembre 2026";
  std::string deadline = "4 janvier 2027";
  std::string answer_address = "paris.fr/repondre";  // printed, for those who type it
  std::string subject = "Objet : votre invitation à l’Assemblée citoyenne de Paris";
  std::string salutation = "Madame, Monsieur,";
  std::vector<std::string> paragraphs = {
      "Votre nom a été tiré au sort sur la liste électorale de Paris : vous êtes invité(e) à "
      "participer à l’Assemblée citoyenne de Paris. Elle réunit des Parisiennes et des Parisiens "
      "de tous les âges, de tous les quartiers et de tous les horizons, qui se retrouvent pour "
      "s’informer, débattre et proposer des recommandations au Conseil de Paris.",
      "Aucune compétence particulière n’est demandée : votre expérience de la ville suffit. Les "
      "dates des séances, l’indemnisation et l’accompagnement proposés (transport, garde "
      "d’enfants, accessibilité) vous seront précisés si vous êtes volontaire.",
      "Répondre ne vous engage pas encore. Vous nous dites si vous souhaitez participer et "
      "répondez à quelques questions (âge, arrondissement, situation) qui permettent de composer "
      "une assemblée à l’image de Paris ; un second tirage au sort parmi les volontaires "
      "désignera ses membres."};
  // Beside the code and the QR code.
  std::vector<std::string> how_to_answer = {
      "Pour répondre avant le {deadline} :",
      "en ligne sur {answer_address}, avec votre code personnel :",
      "ou en scannant le code ci-contre avec votre téléphone.",
  };
  std::vector<std::string> closing = {
      "Vous pouvez aussi répondre par téléphone au {phone} "
      "ou par courrier au {secretariat}, en rappelant votre code. Le secrétariat répond à toutes "
      "vos questions.",
      "Votre participation compte : c’est la diversité de ses membres qui fait la force de "
      "l’assemblée. Nous espérons vivement vous y accueillir.",
      "Je vous prie d’agréer, Madame, Monsieur, l’expression de mes salutations les meilleures."};
  std::vector<std::string> signatory = {"Pour la Maire de Paris,",
                                        "le Secrétariat général de l’Assemblée citoyenne"};
  std::string legal =
      "Données personnelles : la Ville de Paris utilise vos nom et adresse, issus de la liste "
      "électorale, pour vous adresser cette invitation, dans le cadre d’une mission d’intérêt "
      "public (RGPD, art. 6-1-e). Ils sont conservés chiffrés et effacés au plus tard un an après "
      "la fin du mandat de l’assemblée ; vos réponses ne servent qu’à composer l’assemblée. Vous "
      "pouvez exercer vos droits d’accès, de rectification, d’effacement et d’opposition auprès "
      "du secrétariat, et saisir la CNIL (cnil.fr).";
};

// How the QR code is drawn: a 1-bit image (one small image object per letter), or filled
// rectangles (one per run of dark modules in a row, one path). Both are crisp. The image is the
// default: for 10,000 letters it took 3.6 s and 26.7 MB against 8.6 s and 33.0 MB for the
// rectangles (BENCHMARKS.md, "Invitation letters").
enum class QrStyle { image, vector };

struct Options {
  QrStyle qr = QrStyle::image;
};

// One PDF (its bytes) of one page per letter, in order. progress(done) is called after each
// letter (done = 1..letters.size()). No letters is an std::invalid_argument (a PDF has a page).
std::string render(const std::vector<Letter>& letters, const Letterhead& head = {},
                   std::function<void(std::size_t done)> progress = {}, Options options = {});

// The same letters in files of batch_size letters (the last one shorter; no letters, no file),
// for the printer.
// progress(done) counts the letters of all files. batch_size 0 is an std::invalid_argument.
std::vector<std::string> render_batches(const std::vector<Letter>& letters, const Letterhead& head,
                                        std::size_t batch_size,
                                        std::function<void(std::size_t done)> progress = {},
                                        Options options = {});

// The same, each file handed to on_file(index, bytes) as soon as it is made (0, 1, ...) and not
// kept: what a job storing the files uses, so that only one file is in memory at a time.
void for_each_batch(const std::vector<Letter>& letters, const Letterhead& head,
                    std::size_t batch_size,
                    const std::function<void(std::size_t index, std::string&& pdf)>& on_file,
                    std::function<void(std::size_t done)> progress = {}, Options options = {});

// UTF-8 to Windows-1252 (what the PDF's WinAnsiEncoding fonts show). A letter outside it becomes
// the same letter without its accent when it has one (ł → l, ș → s), combining accents are
// composed (e + U+0301 → é), typographic spaces and dashes become their nearest, anything else
// '?'; invalid UTF-8 is '?'; control characters a space. Never a NUL byte.
std::string to_cp1252(std::string_view utf8);

}  // namespace notifications::letters
