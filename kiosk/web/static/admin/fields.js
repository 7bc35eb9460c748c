// The person form's fields (templates/_person_fields.html), shared by the walk-in form
// and a card's edit form, read as the hub takes them.
export const FIELDS = [
  "name",
  "title",
  "unit",
  "delegation",
  "category",
  "phone",
  "seat",
  "protocol",
];

export function formValues(form) {
  const values = {};
  for (const name of FIELDS) values[name] = form.elements[name].value.trim();
  return values;
}
