// The help desk: find a delegate, see each session's check-in, check in (method desk),
// undo with a reason, and reissue a lost badge with its card opened for printing. Each
// behaviour is a module in admin/, loaded by <script type="module">, importing common.js
// (the helpers every page shares): page.js what they share, search.js the search, card.js
// a delegate's card with sessions.js its check-ins, absences.js its absences, substitute.js a
// substitute (and the requests waiting), edit.js its fields changed; walkin.js the
// walk-in form (fields.js the person form's fields), rehearsal.js the rehearsal.
import "./admin/search.js";
import "./admin/walkin.js";
import "./admin/rehearsal.js";
import { loadSubstitutions } from "./admin/substitute.js";

loadSubstitutions();
