/**
 * The staff console (GET /admin, `/admin/` locally): a server-rendered shell and /assets/console.js,
 * which signs the contact person in and then talks only to the staff API (`/admin/requests…`,
 * `/admin/customers/…`) with `Authorization: Bearer <token>`. The shell itself holds no data, so it
 * is public; everything it shows comes from behind the authorizer.
 *
 * The token lives in the tab's sessionStorage only: never in a URL (it would leak into history and
 * logs) nor in a cookie (cookies ride along on every request and invite CSRF). Closing the tab or
 * "sign out" forgets it.
 *
 * Sign-in has two forms, chosen by configuration. In the local stack the contact person pastes a
 * token from `npm run admin-token`. In AWS (STAFF_AUTH_DOMAIN and STAFF_CLIENT_ID set) the staff
 * API sits behind a Cognito JWT authorizer and the button sends the browser to the Cognito hosted
 * sign-in: the authorization code grant with PKCE (a public client, no secret), the code traded
 * for tokens at the hosted UI's /oauth2/token on return to /admin, and the ID token (it names the
 * person by email, which the decision records) kept in sessionStorage as the pasted one is. The
 * page CSP then allows connect-src to that one origin. Everything after sign-in is the same.
 */
import type { Controller, StaffSignIn } from '../../config';
import type { HoldBasis, Language, Objection, RectifiableField, RequestStatus, RequestType } from '../../domain/types';
import { fieldName, objectionName, requestTypeName, statusName } from '../../mail/i18n';
import { escapeHtml, page } from './layout';

/** Request ids the console links to (`/admin?request=<id>`, as the contact person's mail does). */
const REQUEST_ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

const TEXT = {
  fi: {
    title: 'Tietosuojapyyntöjen käsittely',
    heading: 'Tietosuojapyyntöjen käsittely',
    noscript: 'Käsittelynäkymä tarvitsee toimiakseen JavaScriptin. Ota se käyttöön selaimessa.',
    signinHeading: 'Kirjaudu sisään',
    signinIntro: 'Tämä näkymä on rekisteriasioita hoitaville työntekijöille. Jokainen päätös kirjataan nimelläsi.',
    tokenLabel: 'Kirjautumistunniste',
    tokenHint: 'Liitä tähän kirjautumistunniste. Paikallisessa ympäristössä saat sen komennolla <code>npm run admin-token</code>. Tunniste säilyy vain tämän välilehden muistissa, kunnes kirjaudut ulos tai suljet välilehden.',
    signIn: 'Kirjaudu',
    hostedIntro: 'Kirjaudu henkilökohtaisella käyttäjätunnuksellasi. Sinut ohjataan kirjautumissivulle, ja palaat tänne, kun olet kirjautunut.',
    hostedSignIn: 'Kirjaudu käyttäjätunnuksella',
  },
  en: {
    title: 'Data protection requests',
    heading: 'Data protection requests',
    noscript: 'The console needs JavaScript. Please turn it on in your browser.',
    signinHeading: 'Sign in',
    signinIntro: 'This console is for the staff who handle register matters. Every decision is recorded in your name.',
    tokenLabel: 'Sign-in token',
    tokenHint: 'Paste your sign-in token here. In the local environment you get one with <code>npm run admin-token</code>. The token is kept only in this tab’s memory until you sign out or close the tab.',
    signIn: 'Sign in',
    hostedIntro: 'Sign in with your personal staff account. You are taken to the sign-in page and brought back here once you have signed in.',
    hostedSignIn: 'Sign in with your staff account',
  },
} as const;

const HOLD_NAMES: Record<HoldBasis, Record<Language, string>> = {
  open_invoice: { fi: 'Avoin lasku', en: 'Open invoice' },
  debt_collection: { fi: 'Lasku perinnässä', en: 'Invoice in debt collection' },
  organization_contact: { fi: 'Organisaation yhteyshenkilö', en: 'Contact person of an organisation' },
  accounting_vouchers: { fi: 'Kirjanpitotositteet (kirjanpitolaki 2:10)', en: 'Accounting vouchers (Accounting Act 2:10)' },
};

const localised = <K extends string>(map: Readonly<Record<K, { fi: string; en: string }>>, lang: Language): Record<K, string> =>
  Object.fromEntries(Object.entries(map).map(([k, v]) => [k, (v as { fi: string; en: string })[lang]])) as Record<K, string>;

const names = (lang: Language) => ({
  types: localised<RequestType>(requestTypeName, lang),
  statuses: localised<RequestStatus>(statusName, lang),
  objections: localised<Objection>(objectionName, lang),
  fields: localised<RectifiableField>(fieldName, lang),
  holds: localised<HoldBasis>(HOLD_NAMES, lang),
});

/** Words /assets/console.js shows, per language. `{x}` are filled in by the script. */
export const CONSOLE_SCRIPT_TEXT = {
  fi: {
    ...names('fi'),
    languages: { fi: 'suomi', en: 'englanti' },
    signedInAs: 'Kirjautunut: {who}',
    roleLabel: 'Rooli: {role}',
    roles: { decider: 'päätöksentekijä', viewer: 'katselija (vain luku)' },
    signOut: 'Kirjaudu ulos',
    tokenRequired: 'Liitä kirjautumistunniste.',
    tokenMalformed: 'Tunniste ei ole oikean muotoinen. Liitä koko tunniste sellaisenaan.',
    tokenRejected: 'Tunniste ei kelpaa tai se on vanhentunut. Hae uusi tunniste ja kirjaudu uudelleen.',
    sessionEnded: 'Istunto on päättynyt. Kirjaudu uudelleen.',
    signedOut: 'Olet kirjautunut ulos.',
    noAccess: {
      heading: 'Ei käyttöoikeutta',
      text: 'Olet kirjautunut, mutta tunnuksellasi ei ole oikeutta tietosuojapyyntöjen käsittelyyn. Pyydä ylläpidolta katselijan (dsr-viewer) tai päätöksentekijän (dsr-decider) rooli ja kirjaudu sitten uudelleen.',
    },
    forbidden: 'Roolisi ei salli tätä. Katselija voi lukea pyyntöjä mutta ei tehdä päätöksiä. Jos roolisi on juuri muuttunut, kirjaudu uudelleen.',
    hosted: {
      redirecting: 'Siirrytään kirjautumissivulle…',
      completing: 'Viimeistellään kirjautumista…',
      cancelled: 'Kirjautuminen keskeytyi. Voit yrittää uudelleen.',
      failed: 'Kirjautuminen ei onnistunut. Yritä uudelleen.',
      rejected: 'Kirjautumistasi ei hyväksytty. Kirjaudu uudelleen. Jos tämä toistuu, ota yhteyttä ylläpitoon.',
      unsupported: 'Tämä selain ei pysty turvalliseen kirjautumiseen, tai sen tallennustila on estetty. Käytä ajantasaista selainta.',
    },
    errorPrefix: 'Virhe:',
    loading: 'Ladataan…',
    failed: 'Tietojen hakeminen ei onnistunut palvelussa olevan häiriön vuoksi. Yritä uudelleen.',
    network: 'Yhteys palveluun ei toiminut. Tarkista verkkoyhteys ja yritä uudelleen.',
    list: {
      title: 'Pyynnöt',
      heading: 'Pyynnöt',
      filterLabel: 'Näytettävät pyynnöt',
      open: 'Avoimet (vahvistettu, odottaa päätöstä, hyväksytty)',
      all: 'Kaikki',
      show: 'Näytä',
      captionOpen: 'Avoimet pyynnöt, aikaisin määräpäivä ensin',
      captionAll: 'Kaikki pyynnöt, aikaisin määräpäivä ensin',
      captionStatus: 'Pyynnöt, joiden tila on ”{status}”, aikaisin määräpäivä ensin',
      countOne: '1 pyyntö.',
      countMany: '{n} pyyntöä.',
      empty: 'Ei pyyntöjä tällä rajauksella.',
      columns: { type: 'Pyyntö', status: 'Tila', received: 'Vastaanotettu', due: 'Määräpäivä', left: 'Aikaa jäljellä', id: 'Tunnus' },
    },
    days: {
      overdue: 'Myöhässä',
      overdueOne: '1 päivä',
      overdueMany: '{n} päivää',
      soon: 'Pian',
      today: 'Erääntyy tänään',
      leftOne: '1 päivä',
      leftMany: '{n} päivää',
      closed: 'Käsitelty',
    },
    request: {
      title: 'Pyyntö: {type}',
      back: 'Takaisin pyyntöihin',
      refresh: 'Päivitä',
      reference: 'Tunnus: {id}',
      notFound: 'Pyyntöä ei löytynyt. Tarkista linkki tai palaa pyyntöihin.',
      refreshed: 'Tila päivittyi: {status}.',
      working: { verified: 'Järjestelmä tarkistaa rekisteriä. Tila päivittyy tälle sivulle itsestään.', approved: 'Järjestelmä toteuttaa päätöstä. Tila päivittyy tälle sivulle itsestään.' },
      sections: { details: 'Tiedot', subject: 'Pyynnön sisältö', holds: 'Säilytysperusteet', seal: 'Sinetti ja tapahtumaketju', actions: 'Päätös', customer: 'Rekisteritietue', audit: 'Tapahtumat' },
      labels: {
        type: 'Pyyntö', language: 'Kieli', status: 'Tila', received: 'Vastaanotettu', due: 'Määräpäivä', left: 'Aikaa jäljellä',
        verified: 'Vahvistettu', register: 'Rekisteritietue', extension: 'Määräajan pidennys', decision: 'Päätös',
        name: 'Nimi', email: 'Sähköposti', details: 'Lisätiedot', changes: 'Korjattavat tiedot', objections: 'Vastustettu käsittely',
        signature: 'Allekirjoitus', signedAt: 'Allekirjoitettu', rectification: 'Tehdyt korjaukset',
      },
      register: { found: 'Löytyi ({id})', none: 'Ei löytynyt vahvistetulla sähköpostiosoitteella', pending: 'Ei vielä tarkistettu' },
      extension: '{date}: {reason} (pidensi {who}; alkuperäinen määräpäivä {previous})',
      decisions: { approve: 'Hyväksytty', refuse: 'Hylätty', extend: 'Pidennetty' },
      decisionLine: '{decision} {date}, päätti {who}',
      decisionReason: 'Perustelut: {reason}',
      change: '{field}: ”{value}”',
      changeReason: 'Perustelu: {reason}',
      beforeAfter: '{field}: ”{before}” → ”{after}”',
      minimised: 'Pyynnön henkilötiedot on poistettu käsittelyn päätyttyä. Jäljellä ovat käsittelyn todisteet: tunnisteet, ajat, päätökset ja tapahtumat.',
      noDetails: 'Ei lisätietoja.',
      holdsNone: 'Ei säilytysperusteita.',
      holdUntil: '{date} asti',
      holdOpenEnded: 'kunnes peruste päättyy',
      holdInvoices: 'Laskut: {ids}',
      sealLabel: 'Sinetti',
      chainLabel: 'Tapahtumaketju',
      ok: 'Kunnossa',
      broken: 'Virhe',
      notSealed: 'Ei sinetöity',
      sealOk: 'Allekirjoitus ja sisältö täsmäävät. Sinetöity {time}.',
      sealBad: 'Sinetti ei täsmää: pyynnön tietoja on voitu muuttaa sinetöinnin jälkeen.',
      sealNone: 'Pyyntö sinetöidään, kun pyytäjä vahvistaa sen.',
      chainOk: 'Ehjä: jokainen tapahtuma on ketjutettu edelliseen.',
      chainBad: 'Katkennut: tapahtumia on muutettu tai poistettu.',
      auditCaption: 'Tapahtumat vanhimmasta uusimpaan',
      auditColumns: { time: 'Aika', event: 'Tapahtuma', actor: 'Tekijä' },
      actors: { system: 'järjestelmä', subject: 'pyytäjä' },
      events: {
        received: 'Pyyntö vastaanotettu',
        verified: 'Pyytäjä vahvisti pyynnön',
        sealed: 'Pyyntö sinetöity',
        register_checked: 'Rekisteri tarkistettu',
        awaiting_decision: 'Odottaa päätöstä',
        objection_applied: 'Suoramarkkinointikielto otettu käyttöön',
        approved: 'Pyyntö hyväksytty',
        refused: 'Pyyntö hylätty',
        extended: 'Määräaikaa pidennetty',
        applied: 'Päätös toteutettu rekisteriin',
        export_built: 'Tiedot koottu ladattavaksi',
        mail_sent: 'Sähköposti lähetetty',
        completed: 'Käsittely valmis',
        minimised: 'Henkilötiedot poistettu pyynnöstä',
        reminded: 'Yhteyshenkilöä muistutettu',
        expired: 'Vanhentui vahvistamattomana',
      } as Record<string, string>,
      mailTo: { subject: 'pyytäjälle', contact_person: 'yhteyshenkilölle', recipient: 'tietojen vastaanottajalle' } as Record<string, string>,
    },
    actions: {
      viewerNote: 'Pyyntö odottaa päätöstä. Roolisi on katselija: voit lukea pyynnön, mutta päätöksen tekee päätöksentekijä.',
      intro: 'Pyyntö odottaa päätöstäsi. Päätös kirjataan nimelläsi, ja pyytäjälle lähetetään siitä tieto hänen kielellään.',
      approveHeading: 'Hyväksy',
      approveHint: 'Järjestelmä toteuttaa hyväksytyn pyynnön rekisteriin ja lähettää pyytäjälle vastauksen.',
      approve: 'Hyväksy pyyntö',
      refuseHeading: 'Hylkää',
      refuseReason: 'Hylkäämisen perustelut',
      refuseHint: 'Perustelut lähetetään pyytäjälle sellaisinaan yhdessä tietosuojavaltuutetun yhteystietojen kanssa.',
      refuse: 'Hylkää pyyntö',
      extendHeading: 'Pidennä määräaikaa',
      extendReason: 'Pidennyksen syy',
      extendHint: 'Määräpäivä siirtyy kolmen kuukauden päähän vastaanottamisesta. Syy ja uusi määräpäivä lähetetään pyytäjälle. Pidentää voi kerran, ensimmäisen kuukauden aikana.',
      extend: 'Pidennä määräaikaa',
      required: 'pakollinen',
      reasonRequired: 'Kirjoita perustelut. Ne lähetetään pyytäjälle.',
      sending: 'Tallennetaan…',
      done: {
        approve: 'Pyyntö hyväksyttiin. Järjestelmä toteuttaa sen ja ilmoittaa pyytäjälle.',
        refuse: 'Pyyntö hylättiin. Pyytäjälle lähetetään perustelut.',
        extend: 'Määräaikaa pidennettiin. Uusi määräpäivä on {date}.',
      },
      errors: {
        not_ready_for_decision: 'Pyyntöä ei ole vielä vahvistettu, joten siitä ei voi vielä päättää.',
        already_decided: 'Pyynnöstä on jo päätetty, tai sitä muutettiin samaan aikaan. Näet alla ajantasaiset tiedot.',
        cannot_extend: 'Määräaikaa voi pidentää vain kerran ja vain ensimmäisen kuukauden aikana.',
        no_decision_needed: 'Tähän pyyntöön vastataan ilman päätöstä.',
        not_found: 'Pyyntöä ei löytynyt.',
        invalid: 'Päätöstä ei voitu tallentaa, koska jokin tieto oli virheellinen. Tarkista perustelut.',
        failed: 'Päätöksen tallentaminen ei onnistunut palvelussa olevan häiriön vuoksi. Yritä uudelleen.',
      } as Record<string, string>,
    },
    customer: {
      show: 'Näytä rekisteritietue',
      reload: 'Hae rekisteritietue uudelleen',
      notFound: 'Rekisteritietuetta ei ole: se on poistettu, tai sitä ei ole koskaan ollut.',
      labels: {
        customerId: 'Asiakasnumero', name: 'Nimi', organization: 'Organisaatio', email: 'Sähköposti', phone: 'Puhelin', website: 'WWW-osoite',
        address: 'Postiosoite', ipAddresses: 'IP-osoitteet', relationship: 'Asiakkuus', restricted: 'Käsittely rajoitettu',
        suppressions: 'Kiellot', orders: 'Tilauksia', openInvoices: 'Avoimia tai perinnässä olevia laskuja',
      },
      organizationContact: '{org} (organisaation yhteyshenkilö)',
      relationshipActive: 'Voimassa',
      relationshipEnded: 'Päättynyt {date}',
      restrictedBadge: 'Rajoitettu',
      yes: 'Kyllä',
      no: 'Ei',
      none: 'Ei ole',
    },
  },
  en: {
    ...names('en'),
    languages: { fi: 'Finnish', en: 'English' },
    signedInAs: 'Signed in: {who}',
    roleLabel: 'Role: {role}',
    roles: { decider: 'decider', viewer: 'viewer (read only)' },
    signOut: 'Sign out',
    tokenRequired: 'Paste your sign-in token.',
    tokenMalformed: 'This does not look like a sign-in token. Paste the whole token as it is.',
    tokenRejected: 'The token was not accepted or it has expired. Get a new token and sign in again.',
    sessionEnded: 'Your session has ended. Please sign in again.',
    signedOut: 'You have signed out.',
    noAccess: {
      heading: 'No access',
      text: 'You are signed in, but your account has no access to data protection requests. Ask your administrator for the viewer (dsr-viewer) or decider (dsr-decider) role, then sign in again.',
    },
    forbidden: 'Your role does not allow this. A viewer can read requests but not decide them. If your role has just changed, sign in again.',
    hosted: {
      redirecting: 'Taking you to the sign-in page…',
      completing: 'Finishing sign-in…',
      cancelled: 'Sign-in was cancelled. You can try again.',
      failed: 'Sign-in did not succeed. Please try again.',
      rejected: 'Your sign-in was not accepted. Please sign in again. If this happens again, contact your administrator.',
      unsupported: 'This browser cannot do the secure sign-in, or its storage is blocked. Please use an up-to-date browser.',
    },
    errorPrefix: 'Error:',
    loading: 'Loading…',
    failed: 'Loading failed because of a problem in the service. Please try again.',
    network: 'We could not reach the service. Check your internet connection and try again.',
    list: {
      title: 'Requests',
      heading: 'Requests',
      filterLabel: 'Requests to show',
      open: 'Open (verified, awaiting decision, approved)',
      all: 'All',
      show: 'Show',
      captionOpen: 'Open requests, earliest due date first',
      captionAll: 'All requests, earliest due date first',
      captionStatus: 'Requests with the status “{status}”, earliest due date first',
      countOne: '1 request.',
      countMany: '{n} requests.',
      empty: 'No requests match this choice.',
      columns: { type: 'Request', status: 'Status', received: 'Received', due: 'Due date', left: 'Time left', id: 'Reference' },
    },
    days: {
      overdue: 'Overdue',
      overdueOne: 'by 1 day',
      overdueMany: 'by {n} days',
      soon: 'Soon',
      today: 'Due today',
      leftOne: '1 day',
      leftMany: '{n} days',
      closed: 'Closed',
    },
    request: {
      title: 'Request: {type}',
      back: 'Back to requests',
      refresh: 'Refresh',
      reference: 'Reference: {id}',
      notFound: 'The request was not found. Check the link or go back to the requests.',
      refreshed: 'Status updated: {status}.',
      working: { verified: 'The system is checking the register. The status updates on this page by itself.', approved: 'The system is carrying out the decision. The status updates on this page by itself.' },
      sections: { details: 'Details', subject: 'What was asked', holds: 'Holds', seal: 'Seal and audit chain', actions: 'Decision', customer: 'Register record', audit: 'Audit trail' },
      labels: {
        type: 'Request', language: 'Language', status: 'Status', received: 'Received', due: 'Due date', left: 'Time left',
        verified: 'Verified', register: 'Register record', extension: 'Extension', decision: 'Decision',
        name: 'Name', email: 'Email', details: 'More details', changes: 'Data to correct', objections: 'Objected to',
        signature: 'Signature', signedAt: 'Signed', rectification: 'Corrections made',
      },
      register: { found: 'Found ({id})', none: 'None found with the verified email address', pending: 'Not checked yet' },
      extension: '{date}: {reason} (extended by {who}; original due date {previous})',
      decisions: { approve: 'Approved', refuse: 'Refused', extend: 'Extended' },
      decisionLine: '{decision} {date} by {who}',
      decisionReason: 'Reasons: {reason}',
      change: '{field}: “{value}”',
      changeReason: 'Reason: {reason}',
      beforeAfter: '{field}: “{before}” → “{after}”',
      minimised: 'The personal data of this request was removed once it was handled. What proves the handling stays: ids, times, decisions and events.',
      noDetails: 'No further details.',
      holdsNone: 'No holds.',
      holdUntil: 'until {date}',
      holdOpenEnded: 'until the basis ends',
      holdInvoices: 'Invoices: {ids}',
      sealLabel: 'Seal',
      chainLabel: 'Audit chain',
      ok: 'OK',
      broken: 'Failed',
      notSealed: 'Not sealed',
      sealOk: 'Signature and content match. Sealed {time}.',
      sealBad: 'The seal does not match: the request may have been changed after it was sealed.',
      sealNone: 'The request is sealed when the subject confirms it.',
      chainOk: 'Intact: every event is chained to the one before.',
      chainBad: 'Broken: events have been changed or removed.',
      auditCaption: 'Events, oldest first',
      auditColumns: { time: 'Time', event: 'Event', actor: 'By' },
      actors: { system: 'system', subject: 'subject' },
      events: {
        received: 'Request received',
        verified: 'Subject confirmed the request',
        sealed: 'Request sealed',
        register_checked: 'Register checked',
        awaiting_decision: 'Awaiting decision',
        objection_applied: 'Direct marketing objection applied',
        approved: 'Request approved',
        refused: 'Request refused',
        extended: 'Deadline extended',
        applied: 'Decision applied to the register',
        export_built: 'Data prepared for download',
        mail_sent: 'Email sent',
        completed: 'Handling completed',
        minimised: 'Personal data removed from the request',
        reminded: 'Contact person reminded',
        expired: 'Expired unconfirmed',
      } as Record<string, string>,
      mailTo: { subject: 'to the subject', contact_person: 'to the contact person', recipient: 'to a recipient of the data' } as Record<string, string>,
    },
    actions: {
      viewerNote: 'This request awaits a decision. Your role is viewer: you can read the request, but a decider makes the decision.',
      intro: 'This request awaits your decision. The decision is recorded in your name, and the subject is told of it in their language.',
      approveHeading: 'Approve',
      approveHint: 'The system applies an approved request to the register and sends the subject the answer.',
      approve: 'Approve request',
      refuseHeading: 'Refuse',
      refuseReason: 'Reasons for refusing',
      refuseHint: 'The reasons are sent to the subject as written, with the Data Protection Ombudsman’s contact details.',
      refuse: 'Refuse request',
      extendHeading: 'Extend the deadline',
      extendReason: 'Reason for the extension',
      extendHint: 'The due date moves to three months from receipt. The reason and the new due date are sent to the subject. The deadline can be extended once, within the first month.',
      extend: 'Extend deadline',
      required: 'required',
      reasonRequired: 'Write the reasons. They are sent to the subject.',
      sending: 'Saving…',
      done: {
        approve: 'The request was approved. The system carries it out and tells the subject.',
        refuse: 'The request was refused. The subject is sent the reasons.',
        extend: 'The deadline was extended. The new due date is {date}.',
      },
      errors: {
        not_ready_for_decision: 'The request has not been confirmed yet, so it cannot be decided yet.',
        already_decided: 'The request has already been decided, or it changed at the same time. The details below are up to date.',
        cannot_extend: 'The deadline can be extended only once and only within the first month.',
        no_decision_needed: 'This request is answered without a decision.',
        not_found: 'The request was not found.',
        invalid: 'The decision could not be saved because something in it was not valid. Check the reasons.',
        failed: 'Saving the decision failed because of a problem in the service. Please try again.',
      } as Record<string, string>,
    },
    customer: {
      show: 'Show register record',
      reload: 'Load the register record again',
      notFound: 'There is no register record: it has been erased, or there never was one.',
      labels: {
        customerId: 'Customer number', name: 'Name', organization: 'Organisation', email: 'Email', phone: 'Phone', website: 'Website',
        address: 'Postal address', ipAddresses: 'IP addresses', relationship: 'Customer relationship', restricted: 'Processing restricted',
        suppressions: 'Objections in force', orders: 'Orders', openInvoices: 'Open invoices or in collection',
      },
      organizationContact: '{org} (contact person of the organisation)',
      relationshipActive: 'Active',
      relationshipEnded: 'Ended {date}',
      restrictedBadge: 'Restricted',
      yes: 'Yes',
      no: 'No',
      none: 'None',
    },
  },
};

/** The hosted sign-in as the console page carries it: where to go, as whom, and where to come back. */
export interface ConsoleSignIn extends StaffSignIn { redirectUri: string }

/**
 * The console shell. `requestId` (from `?request=`, checked here) only keeps the request open
 * across the language switch; the script reads the URL itself. With `signIn` the sign-in section
 * is one button to the hosted sign-in; without, a field for a pasted token.
 */
export const consolePage = (controller: Controller, lang: Language, requestId?: string, signIn?: ConsoleSignIn): string => {
  const t = TEXT[lang];
  const request = requestId && REQUEST_ID.test(requestId) ? requestId : undefined;
  const hostedAttrs = signIn
    ? ` data-auth-domain="${escapeHtml(signIn.domain)}" data-client-id="${escapeHtml(signIn.clientId)}" data-redirect-uri="${escapeHtml(signIn.redirectUri)}"`
    : '';
  // The token field has no name: should the script fail, a plain form submit carries no token into a URL.
  const signInBody = signIn
    ? `<p>${escapeHtml(t.hostedIntro)}</p>
<div class="actions">
<button type="button" id="signin-hosted" class="button-primary">${escapeHtml(t.hostedSignIn)}</button>
</div>`
    : `<form id="signin-form" class="signin-form" novalidate>
<div class="field" id="staff-token-field">
<label for="staff-token">${escapeHtml(t.tokenLabel)}</label>
<p id="staff-token-hint" class="hint">${t.tokenHint}</p>
<p id="staff-token-error" class="field-error" hidden></p>
<textarea id="staff-token" rows="4" autocomplete="off" autocapitalize="off" spellcheck="false" aria-describedby="staff-token-hint"></textarea>
</div>
<div class="actions">
<button type="submit" id="signin-button" class="button-primary">${escapeHtml(t.signIn)}</button>
</div>
</form>`;
  const body = `<h1 id="console-heading">${escapeHtml(t.heading)}</h1>
<div id="console" class="console"${hostedAttrs}>
<noscript><p class="notice">${escapeHtml(t.noscript)}</p></noscript>
<div id="console-bar" class="console-bar" hidden>
<p id="signed-in-as" class="signed-in-as"></p>
<button type="button" id="sign-out" class="button-secondary">${escapeHtml(CONSOLE_SCRIPT_TEXT[lang].signOut)}</button>
</div>
<div id="console-alert" class="error-summary" role="alert" tabindex="-1" hidden></div>
<div id="console-notice" class="console-notice" role="status" tabindex="-1"></div>
<section id="signin" class="signin" aria-labelledby="signin-heading" hidden>
<h2 id="signin-heading" tabindex="-1">${escapeHtml(t.signinHeading)}</h2>
<p>${escapeHtml(t.signinIntro)}</p>
${signInBody}
</section>
<div id="view" class="console-view" hidden></div>
</div>`;
  return page({ lang, title: t.title, body, controller, query: { request }, styles: ['console.css'], scripts: ['console.js'], noindex: true });
};
