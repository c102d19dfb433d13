/**
 * The public request form (GET /). Server-rendered, accessible without the script; /assets/form.js
 * shows the fields the chosen type needs, checks them, builds the contract's JSON body and posts it
 * to /requests. The words the script shows live here too (FORM_SCRIPT_TEXT), so both languages
 * of a page are edited in one place.
 */
import type { Controller } from '../../config';
import {
  OBJECTIONS,
  RECTIFIABLE_FIELDS,
  REQUEST_TYPES,
  type Language,
  type Objection,
  type RectifiableField,
  type RequestType,
} from '../../domain/types';
import { LIMITS } from '../../domain/limits';
import { addressLine, escapeHtml, page } from './layout';

export const DEFAULT_VERIFY_HOURS = 72;

interface Choice {
  label: string;
  hint: string;
}

interface FormText {
  title: string;
  heading: string;
  intro: (controller: Controller) => string[];
  noscript: (controller: Controller) => string;
  required: string;
  optional: string;
  typeLegend: string;
  typeHint: string;
  types: Record<RequestType, Choice>;
  firstName: string;
  lastName: string;
  email: string;
  emailHint: string;
  details: string;
  detailsHint: string;
  changesLegend: string;
  changesHint: string;
  /** `{n}` is the row number. */
  changeLegend: string;
  changeField: string;
  changeFieldPlaceholder: string;
  changeValue: string;
  changeValueHint: string;
  changeReason: string;
  changeReasonHint: string;
  /** `{n}` is the row number. */
  removeChange: string;
  addChange: string;
  fields: Record<RectifiableField, string>;
  objectionsLegend: string;
  objectionsHint: string;
  objections: Record<Objection, Choice>;
  signatureLegend: string;
  signatureHint: string;
  fullName: string;
  fullNameHint: string;
  declaration: string;
  submit: string;
}

const TEXT: Record<Language, FormText> = {
  fi: {
    title: 'Tietosuojapyyntö',
    heading: 'Tee tietosuojapyyntö',
    intro: (c) => [
      `Tällä lomakkeella voit käyttää EU:n yleisen tietosuoja-asetuksen mukaisia oikeuksiasi. Rekisterinpitäjä on ${escapeHtml(c.name)}, ${escapeHtml(addressLine(c, 'fi'))}.`,
      'Vastaamme pyyntöön kuukauden kuluessa sen vastaanottamisesta. Jos pyyntö on poikkeuksellisen laaja tai monimutkainen, voimme pidentää määräaikaa enintään kahdella kuukaudella. Kerromme pidennyksestä ja sen syystä ensimmäisen kuukauden aikana.',
      'Lähetämme antamaasi sähköpostiosoitteeseen vahvistuslinkin. Käsittelemme pyynnön vasta, kun olet vahvistanut sen, ja lähetämme vastauksen vain vahvistettuun sähköpostiosoitteeseen.',
      'Vastaamme suomeksi. Jos haluat vastauksen englanniksi, valitse sivun yläreunasta <span lang="en">In English</span>.',
    ],
    noscript: (c) =>
      `Lomakkeen lähettäminen edellyttää, että selaimessa on JavaScript käytössä. Jos et voi käyttää sitä, voit lähettää allekirjoitetun pyynnön rekisteriasioiden yhteyshenkilölle: ${escapeHtml(c.contactPerson.name)}, <a href="${escapeHtml(`mailto:${c.contactPerson.email}`)}">${escapeHtml(c.contactPerson.email)}</a>.`,
    required: 'pakollinen',
    optional: 'vapaaehtoinen',
    typeLegend: 'Mitä haluat pyytää?',
    typeHint: 'Valitse yksi. Jos haluat pyytää useampaa asiaa, tee jokaisesta oma pyyntönsä.',
    types: {
      access: {
        label: 'Tietojen tarkastus',
        hint: 'Saat kopion sinusta tallennetuista tiedoista ja selvityksen siitä, miten niitä käsitellään.',
      },
      portability: {
        label: 'Tietojen siirto',
        hint: 'Saat antamasi tiedot koneluettavassa muodossa, jotta voit siirtää ne toiseen palveluun.',
      },
      rectification: {
        label: 'Tietojen korjaaminen',
        hint: 'Pyydät korjaamaan tai täydentämään tiedot, jotka ovat virheellisiä tai vanhentuneita.',
      },
      erasure: {
        label: 'Tietojen poistaminen',
        hint: 'Pyydät poistamaan tietosi, ellei laki, avoin lasku tai perintä estä poistamista.',
      },
      restriction: {
        label: 'Käsittelyn rajoittaminen',
        hint: 'Pyydät, että tietosi säilytetään mutta niitä ei käytetä, esimerkiksi sillä aikaa, kun virhettä selvitetään.',
      },
      objection: {
        label: 'Käsittelyn vastustaminen',
        hint: 'Voit kieltää tietojesi käytön suoramarkkinointiin, etämyyntiin ja tutkimuksiin sekä niiden julkaisemisen luettelona.',
      },
    },
    firstName: 'Etunimi',
    lastName: 'Sukunimi',
    email: 'Sähköpostiosoite',
    emailHint: 'Lähetämme tähän osoitteeseen vahvistuslinkin ja myöhemmin vastauksemme. Käytä osoitetta, jonka olet antanut meille asiakkaana.',
    details: 'Lisätietoja',
    detailsHint: 'Voit tarkentaa pyyntöäsi, esimerkiksi kertoa, mitä tietoja se koskee. Enintään 2 000 merkkiä.',
    changesLegend: 'Korjattavat tiedot',
    changesHint: 'Kerro jokaisesta korjattavasta tiedosta, millainen sen pitäisi olla ja miksi nykyinen tieto on virheellinen.',
    changeLegend: 'Korjaus {n}',
    changeField: 'Korjattava tieto',
    changeFieldPlaceholder: 'Valitse tieto',
    changeValue: 'Oikea tieto',
    changeValueHint: 'Kirjoita tieto sellaisena kuin sen pitäisi olla.',
    changeReason: 'Perustelu',
    changeReasonHint: 'Miksi nykyinen tieto on virheellinen, puutteellinen tai vanhentunut?',
    removeChange: 'Poista korjaus {n}',
    addChange: 'Lisää toinen korjaus',
    fields: {
      firstName: 'Etunimi',
      lastName: 'Sukunimi',
      organization: 'Organisaatio, jota edustat',
      email: 'Sähköpostiosoite',
      phone: 'Puhelinnumero',
      website: 'Verkkosivuston osoite',
      'postalAddress.street': 'Katuosoite',
      'postalAddress.postalCode': 'Postinumero',
      'postalAddress.city': 'Postitoimipaikka',
      'postalAddress.country': 'Maa',
    },
    objectionsLegend: 'Mitä tietojesi käyttöä vastustat?',
    objectionsHint: 'Valitse yksi tai useampi. Suoramarkkinoinnin kielto tulee voimaan heti, kun olet vahvistanut pyynnön.',
    objections: {
      directMarketing: {
        label: 'Suoramarkkinointi',
        hint: 'Emme lähetä sinulle mainoksia tai markkinointiviestejä emmekä soita sinulle markkinointipuheluita.',
      },
      distanceSelling: {
        label: 'Etämyynti',
        hint: 'Emme ota sinuun yhteyttä myydäksemme jotakin puhelimitse, postitse tai verkossa.',
      },
      marketResearch: {
        label: 'Markkina- ja mielipidetutkimukset',
        hint: 'Emme käytä tietojasi markkina- tai mielipidetutkimuksiin.',
      },
      publication: {
        label: 'Julkaiseminen luettelona',
        hint: 'Emme julkaise tietojasi luettelossa, esimerkiksi suoramainonnan osoitetarroissa.',
      },
    },
    signatureLegend: 'Allekirjoitus',
    signatureHint: 'Pyyntö on allekirjoitettava. Allekirjoitat sen kirjoittamalla koko nimesi ja vahvistamalla alla olevan vakuutuksen.',
    fullName: 'Koko nimi',
    fullNameHint: 'Kirjoita etu- ja sukunimesi.',
    declaration: 'Vakuutan, että antamani tiedot ovat oikein ja että pyyntö koskee minua itseäni.',
    submit: 'Lähetä pyyntö',
  },
  en: {
    title: 'Data protection request',
    heading: 'Make a data protection request',
    intro: (c) => [
      `Use this form to exercise your rights under the EU General Data Protection Regulation. The controller is ${escapeHtml(c.name)}, ${escapeHtml(addressLine(c, 'en'))}.`,
      'We answer your request within one month of receiving it. If the request is exceptionally large or complex, we may extend this by at most two months; we will tell you about the extension and its reason within the first month.',
      'We send a confirmation link to the email address you give. We handle the request only once you have confirmed it, and we send our answer only to that confirmed address.',
      'We will answer in English. For an answer in Finnish, choose <span lang="fi">Suomeksi</span> at the top of the page.',
    ],
    noscript: (c) =>
      `Sending this form needs JavaScript in your browser. If you cannot use it, you can send a signed request to our contact person for register matters: ${escapeHtml(c.contactPerson.name)}, <a href="${escapeHtml(`mailto:${c.contactPerson.email}`)}">${escapeHtml(c.contactPerson.email)}</a>.`,
    required: 'required',
    optional: 'optional',
    typeLegend: 'What would you like to request?',
    typeHint: 'Choose one. If you want to ask for more than one thing, make a separate request for each.',
    types: {
      access: {
        label: 'Access to my data',
        hint: 'Get a copy of the data we hold about you and an account of how we use it.',
      },
      portability: {
        label: 'Data portability',
        hint: 'Get the data you gave us in a machine-readable file, so you can move it to another service.',
      },
      rectification: {
        label: 'Correct my data',
        hint: 'Ask us to correct or complete data that is wrong or out of date.',
      },
      erasure: {
        label: 'Erase my data',
        hint: 'Ask us to erase your data, unless the law, an open invoice or debt collection prevents it.',
      },
      restriction: {
        label: 'Restrict processing',
        hint: 'We keep your data but do not use it, for example while an error is being looked into.',
      },
      objection: {
        label: 'Object to processing',
        hint: 'You can forbid the use of your data for direct marketing, distance selling and research, and its publication in lists.',
      },
    },
    firstName: 'First name',
    lastName: 'Last name',
    email: 'Email address',
    emailHint: 'We send the confirmation link and, later, our answer to this address. Use the address you have given us as a customer.',
    details: 'More details',
    detailsHint: 'You can tell us more about your request, for example which data it concerns. At most 2,000 characters.',
    changesLegend: 'Data to correct',
    changesHint: 'For each item, tell us what it should be and why the current data is wrong.',
    changeLegend: 'Correction {n}',
    changeField: 'Data to correct',
    changeFieldPlaceholder: 'Choose an item',
    changeValue: 'Correct value',
    changeValueHint: 'Write the data as it should be.',
    changeReason: 'Reason',
    changeReasonHint: 'Why is the current data wrong, incomplete or out of date?',
    removeChange: 'Remove correction {n}',
    addChange: 'Add another correction',
    fields: {
      firstName: 'First name',
      lastName: 'Last name',
      organization: 'Organisation you represent',
      email: 'Email address',
      phone: 'Phone number',
      website: 'Website address',
      'postalAddress.street': 'Street address',
      'postalAddress.postalCode': 'Postal code',
      'postalAddress.city': 'Town or city',
      'postalAddress.country': 'Country',
    },
    objectionsLegend: 'Which uses of your data do you object to?',
    objectionsHint: 'Choose one or more. An objection to direct marketing takes effect as soon as you have confirmed the request.',
    objections: {
      directMarketing: {
        label: 'Direct marketing',
        hint: 'We will not send you advertising or marketing messages, nor call you for marketing.',
      },
      distanceSelling: {
        label: 'Distance selling',
        hint: 'We will not contact you to sell you anything by phone, post or online.',
      },
      marketResearch: {
        label: 'Market and opinion research',
        hint: 'We will not use your data for market or opinion research.',
      },
      publication: {
        label: 'Publication in lists',
        hint: 'We will not publish your data in lists, such as address labels for direct mail.',
      },
    },
    signatureLegend: 'Signature',
    signatureHint: 'The request must be signed. You sign it by typing your full name and ticking the declaration below.',
    fullName: 'Full name',
    fullNameHint: 'Type your first and last name.',
    declaration: 'I confirm that the information I have given is correct and that I am the person this request concerns.',
    submit: 'Send request',
  },
};

/** Words the browser script shows (errors and the "what happens next" message), per language. */
export const FORM_SCRIPT_TEXT = {
  fi: {
    summaryHeading: 'Tarkista seuraavat kohdat',
    errorPrefix: 'Virhe:',
    sending: 'Lähetetään…',
    fields: {
      type: { required: 'Valitse, mitä haluat pyytää.' },
      firstName: { required: 'Kirjoita etunimesi.', tooLong: 'Etunimi on liian pitkä. Enintään 200 merkkiä.' },
      lastName: { required: 'Kirjoita sukunimesi.', tooLong: 'Sukunimi on liian pitkä. Enintään 200 merkkiä.' },
      email: {
        required: 'Kirjoita sähköpostiosoitteesi.',
        invalid: 'Tarkista sähköpostiosoite. Sen pitää olla muotoa nimi@esimerkki.fi.',
        tooLong: 'Sähköpostiosoite on liian pitkä. Enintään 254 merkkiä.',
      },
      details: { tooLong: 'Lisätiedot ovat liian pitkät. Enintään 2 000 merkkiä.', invalid: 'Tarkista lisätiedot.' },
      changes: { required: 'Lisää ainakin yksi korjattava tieto.', tooLong: 'Korjauksia on liikaa. Jaa ne useampaan pyyntöön.' },
      'changes.field': { required: 'Valitse, mikä tieto pitää korjata.' },
      'changes.value': { required: 'Kirjoita oikea tieto.', tooLong: 'Oikea tieto on liian pitkä.' },
      'changes.reason': { required: 'Kerro, miksi nykyinen tieto on virheellinen.', tooLong: 'Perustelu on liian pitkä.' },
      objections: { required: 'Valitse ainakin yksi käyttötarkoitus, jota vastustat.' },
      'signature.fullName': { required: 'Allekirjoita pyyntö kirjoittamalla koko nimesi.', tooLong: 'Nimi on liian pitkä. Enintään 200 merkkiä.' },
      'signature.declaration': { required: 'Vahvista, että tiedot ovat oikein ja että pyyntö koskee sinua itseäsi.' },
    },
    invalidGeneric: 'Tarkista tämä kohta.',
    badRequest: 'Pyyntöä ei voitu lähettää, koska jokin tieto oli virheellinen. Tarkista tiedot ja yritä uudelleen.',
    tooLarge: 'Pyyntö on liian pitkä. Lyhennä lisätietoja tai korjauksia ja yritä uudelleen.',
    tooMany: 'Pyyntöjä on lähetetty liian monta. Yritä myöhemmin uudelleen.',
    failed: 'Pyynnön lähettäminen ei onnistunut palvelussa olevan häiriön vuoksi. Yritä hetken kuluttua uudelleen.',
    network: 'Yhteys palveluun ei toiminut. Tarkista verkkoyhteys ja yritä uudelleen.',
    contactAfter: 'Jos ongelma jatkuu, ota yhteyttä: {email}.',
    done: {
      heading: 'Kiitos, pyyntösi on vastaanotettu',
      next: 'Mitä seuraavaksi tapahtuu',
      steps: [
        'Lähetimme vahvistuslinkin osoitteeseen {email}. Avaa viesti ja vahvista pyyntö linkin kautta. Linkki on voimassa {hours}.',
        'Käsittelemme pyynnön vasta, kun olet vahvistanut sen. Jos viestiä ei kuulu, tarkista roskapostikansio. Jos linkki ehtii vanhentua, voit tehdä uuden pyynnön.',
        'Vastaamme kuukauden kuluessa pyynnön vastaanottamisesta. Lähetämme vastauksen vain vahvistettuun sähköpostiosoitteeseen.',
      ],
      reference: 'Pyynnön tunnus: {id}',
      hoursOne: '1 tunnin',
      hoursMany: '{n} tuntia',
    },
  },
  en: {
    summaryHeading: 'Please check the following',
    errorPrefix: 'Error:',
    sending: 'Sending…',
    fields: {
      type: { required: 'Choose what you would like to request.' },
      firstName: { required: 'Enter your first name.', tooLong: 'The first name is too long: at most 200 characters.' },
      lastName: { required: 'Enter your last name.', tooLong: 'The last name is too long: at most 200 characters.' },
      email: {
        required: 'Enter your email address.',
        invalid: 'Check the email address. It should look like name@example.com.',
        tooLong: 'The email address is too long: at most 254 characters.',
      },
      details: { tooLong: 'The details are too long: at most 2,000 characters.', invalid: 'Check the details.' },
      changes: { required: 'Add at least one item of data to correct.', tooLong: 'There are too many corrections. Split them into more than one request.' },
      'changes.field': { required: 'Choose which data to correct.' },
      'changes.value': { required: 'Enter the correct value.', tooLong: 'The correct value is too long.' },
      'changes.reason': { required: 'Tell us why the current data is wrong.', tooLong: 'The reason is too long.' },
      objections: { required: 'Choose at least one use of your data that you object to.' },
      'signature.fullName': { required: 'Sign the request by typing your full name.', tooLong: 'The name is too long: at most 200 characters.' },
      'signature.declaration': { required: 'Confirm that the information is correct and that the request concerns you.' },
    },
    invalidGeneric: 'Check this item.',
    badRequest: 'We could not send the request because some information was not valid. Please check it and try again.',
    tooLarge: 'The request is too long. Shorten the details or the corrections and try again.',
    tooMany: 'Too many requests have been sent. Please try again later.',
    failed: 'Sending the request failed because of a problem in our service. Please try again in a moment.',
    network: 'We could not reach the service. Check your internet connection and try again.',
    contactAfter: 'If the problem continues, contact {email}.',
    done: {
      heading: 'Thank you, we have received your request',
      next: 'What happens next',
      steps: [
        'We have sent a confirmation link to {email}. Open the message and confirm your request with the link. The link is valid for {hours}.',
        'We handle the request only once you have confirmed it. If the message does not arrive, check your spam folder. If the link expires, you can make a new request.',
        'We answer within one month of receiving your request. We send the answer only to the confirmed email address.',
      ],
      reference: 'Request reference: {id}',
      hoursOne: '1 hour',
      hoursMany: '{n} hours',
    },
  },
} as const;

const fill = (template: string, n: number): string => template.replace('{n}', String(n));

const req = (t: FormText): string => ` <span class="req">(${escapeHtml(t.required)})</span>`;
const opt = (t: FormText): string => ` <span class="opt">(${escapeHtml(t.optional)})</span>`;

/** An error slot, empty and hidden until the script fills it. */
const errorSlot = (id: string): string => `<p id="${id}-error" class="field-error" hidden></p>`;

const textField = (
  id: string,
  name: string,
  label: string,
  t: FormText,
  attrs: string,
  hint?: string,
): string => `<div class="field" id="${id}-field">
<label for="${id}">${escapeHtml(label)}${req(t)}</label>
${hint ? `<p id="${id}-hint" class="hint">${escapeHtml(hint)}</p>\n` : ''}${errorSlot(id)}
<input id="${id}" name="${name}" required aria-required="true"${hint ? ` aria-describedby="${id}-hint"` : ''} ${attrs}>
</div>`;

const changeRow = (t: FormText, i: number): string => {
  const p = `changes-${i}`;
  const options = RECTIFIABLE_FIELDS.map((f) => `<option value="${escapeHtml(f)}">${escapeHtml(t.fields[f])}</option>`).join('');
  return `<li class="change" data-change-row>
<fieldset class="change-fieldset">
<legend data-change-legend>${escapeHtml(fill(t.changeLegend, i + 1))}</legend>
<div class="field">
<label for="${p}-field" data-part-label="field">${escapeHtml(t.changeField)}${req(t)}</label>
<p id="${p}-field-error" class="field-error" data-part-error="field" hidden></p>
<select id="${p}-field" name="${p}-field" data-part="field" required aria-required="true"><option value="">${escapeHtml(t.changeFieldPlaceholder)}</option>${options}</select>
</div>
<div class="field">
<label for="${p}-value" data-part-label="value">${escapeHtml(t.changeValue)}${req(t)}</label>
<p id="${p}-value-hint" class="hint" data-part-hint="value">${escapeHtml(t.changeValueHint)}</p>
<p id="${p}-value-error" class="field-error" data-part-error="value" hidden></p>
<input id="${p}-value" name="${p}-value" type="text" data-part="value" required aria-required="true" aria-describedby="${p}-value-hint" maxlength="${LIMITS.changeValue}" autocomplete="off">
</div>
<div class="field">
<label for="${p}-reason" data-part-label="reason">${escapeHtml(t.changeReason)}${req(t)}</label>
<p id="${p}-reason-hint" class="hint" data-part-hint="reason">${escapeHtml(t.changeReasonHint)}</p>
<p id="${p}-reason-error" class="field-error" data-part-error="reason" hidden></p>
<textarea id="${p}-reason" name="${p}-reason" rows="2" data-part="reason" required aria-required="true" aria-describedby="${p}-reason-hint" maxlength="${LIMITS.changeReason}"></textarea>
</div>
<button type="button" class="button-secondary remove-change" data-remove-change hidden>${escapeHtml(fill(t.removeChange, i + 1))}</button>
</fieldset>
</li>`;
};

const choice = (type: 'radio' | 'checkbox', name: string, id: string, value: string, c: Choice): string =>
  `<div class="choice">
<input type="${type}" id="${id}" name="${name}" value="${escapeHtml(value)}" aria-describedby="${id}-hint">
<label for="${id}">${escapeHtml(c.label)}</label>
<p id="${id}-hint" class="hint">${escapeHtml(c.hint)}</p>
</div>`;

/**
 * The public request form. `verifyHours` is how long the mailed confirmation link lives
 * (VERIFY_LINK_HOURS); the script tells the subject after sending.
 */
export const formPage = (controller: Controller, lang: Language = 'fi', verifyHours: number = DEFAULT_VERIFY_HOURS): string => {
  const t = TEXT[lang];
  const hours = Number.isInteger(verifyHours) && verifyHours > 0 ? verifyHours : DEFAULT_VERIFY_HOURS;
  const body = `<h1 id="form-heading">${escapeHtml(t.heading)}</h1>
<div class="intro">
${t.intro(controller).map((p) => `<p>${p}</p>`).join('\n')}
</div>
<noscript><p class="notice">${t.noscript(controller)}</p></noscript>
<div id="error-summary" class="error-summary" role="alert" tabindex="-1" hidden></div>
<form id="dsr-form" class="dsr-form" method="post" action="/requests" aria-labelledby="form-heading" data-verify-hours="${hours}" data-contact-email="${escapeHtml(controller.email)}" data-max-changes="${LIMITS.formChanges}">
<input type="hidden" name="language" value="${lang}">

<fieldset id="type-fieldset" class="field group" aria-describedby="type-hint">
<legend>${escapeHtml(t.typeLegend)}${req(t)}</legend>
<p id="type-hint" class="hint">${escapeHtml(t.typeHint)}</p>
${errorSlot('type')}
<div class="choices">
${REQUEST_TYPES.map((type) => choice('radio', 'type', `type-${type}`, type, t.types[type])).join('\n')}
</div>
</fieldset>

${textField('firstName', 'firstName', t.firstName, t, `type="text" maxlength="${LIMITS.name}" autocomplete="given-name"`)}
${textField('lastName', 'lastName', t.lastName, t, `type="text" maxlength="${LIMITS.name}" autocomplete="family-name"`)}
${textField('email', 'email', t.email, t, `type="email" maxlength="${LIMITS.email}" autocomplete="email" spellcheck="false"`, t.emailHint)}

<fieldset id="changes-fieldset" class="field group conditional" data-show-for="rectification" aria-describedby="changes-hint">
<legend>${escapeHtml(t.changesLegend)}${req(t)}</legend>
<p id="changes-hint" class="hint">${escapeHtml(t.changesHint)}</p>
${errorSlot('changes')}
<ol id="changes-list" class="changes" data-legend-template="${escapeHtml(t.changeLegend)}" data-remove-template="${escapeHtml(t.removeChange)}">
${changeRow(t, 0)}
</ol>
<button type="button" id="add-change" class="button-secondary">${escapeHtml(t.addChange)}</button>
</fieldset>

<fieldset id="objections-fieldset" class="field group conditional" data-show-for="objection" aria-describedby="objections-hint">
<legend>${escapeHtml(t.objectionsLegend)}${req(t)}</legend>
<p id="objections-hint" class="hint">${escapeHtml(t.objectionsHint)}</p>
${errorSlot('objections')}
<div class="choices">
${OBJECTIONS.map((o) => choice('checkbox', 'objections', `objection-${o}`, o, t.objections[o])).join('\n')}
</div>
</fieldset>

<div class="field" id="details-field">
<label for="details">${escapeHtml(t.details)}${opt(t)}</label>
<p id="details-hint" class="hint">${escapeHtml(t.detailsHint)}</p>
${errorSlot('details')}
<textarea id="details" name="details" rows="5" maxlength="${LIMITS.details}" aria-describedby="details-hint"></textarea>
</div>

<fieldset id="signature-fieldset" class="field group" aria-describedby="signature-hint">
<legend>${escapeHtml(t.signatureLegend)}</legend>
<p id="signature-hint" class="hint">${escapeHtml(t.signatureHint)}</p>
${textField('signature-fullName', 'signature.fullName', t.fullName, t, `type="text" maxlength="${LIMITS.name}" autocomplete="name"`, t.fullNameHint)}
<div class="field choice" id="signature-declaration-field">
${errorSlot('signature-declaration')}
<input type="checkbox" id="signature-declaration" name="signature.declaration" value="true" required aria-required="true">
<label for="signature-declaration">${escapeHtml(t.declaration)}${req(t)}</label>
</div>
</fieldset>

<div class="actions">
<button type="submit" id="submit-button" class="button-primary">${escapeHtml(t.submit)}</button>
</div>
</form>`;
  return page({ lang, title: t.title, body, controller, scripts: ['form.js'] });
};
