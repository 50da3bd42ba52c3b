package io.dkimtrend.sample;

/**
 * The words realistic rows are made of: people, sender brands, subjects in six languages, URL paths
 * and attachment names. Kept apart from the logic so that the row factories read as rules, and so
 * that the text can grow without touching them. Subjects are templates for {@link RandomDraws#fill}.
 */
final class Vocabulary {

    static final String[] FIRST = {"aino", "bram", "carla", "dario", "elif", "femke", "goran", "hana", "ivo",
        "jonas", "kira", "lars", "mira", "nils", "olga", "pavel", "quinn", "rosa", "sami", "tilda", "umar", "vera",
        "wout", "xenia", "yara", "zeno", "anouk", "basil", "cleo", "dagny", "emil", "frida", "gideon", "hedda",
        "ines", "jorin", "katja", "leon", "maren", "noor"};
    static final String[] LAST = {"achterberg", "bauer", "castell", "dimitrov", "eriksen", "falk", "gruber",
        "haugen", "ivanova", "jansen", "keller", "lindqvist", "moreau", "novak", "okafor", "petersen", "quist",
        "romero", "schuster", "tanaka", "ulrich", "varga", "weber", "yilmaz", "zandvliet", "brandt", "costa",
        "dupont", "engel", "fischer", "hartmann", "kovac", "lehmann", "meyer", "nowak", "olsen", "richter",
        "sommer", "vogel", "winter"};

    /** Fictional sender domains and the brand they mail as. */
    static final String[][] SENDER_DOMAINS = {
        {"fabrikam.com", "Fabrikam"}, {"tailspin.io", "Tailspin"}, {"northwindtraders.com", "Northwind Traders"},
        {"adventure-works.com", "Adventure Works"}, {"wingtiptoys.com", "Wingtip Toys"},
        {"proseware.com", "Proseware"}, {"lucernepublishing.com", "Lucerne Publishing"},
        {"alpineskihouse.com", "Alpine Ski House"}, {"cohowinery.com", "Coho Winery"},
        {"fourthcoffee.com", "Fourth Coffee"}, {"margiestravel.com", "Margie's Travel"},
        {"treyresearch.net", "Trey Research"}, {"wideworldimporters.com", "Wide World Importers"},
        {"blueyonderairlines.com", "Blue Yonder Airlines"}, {"consolidatedmessenger.com", "Consolidated Messenger"},
        {"graphicdesigninstitute.com", "Graphic Design Institute"}, {"humongousinsurance.com", "Humongous Insurance"},
        {"relecloud.com", "Relecloud"}, {"southridgevideo.com", "Southridge Video"}, {"adatum.com", "A. Datum"},
        {"cpandl.com", "City Power & Light"}, {"fineartschool.net", "Fine Art School"},
        {"tailwindtraders.com", "Tailwind Traders"}, {"firstupconsultants.com", "First Up Consultants"},
        {"lamnahealthcare.com", "Lamna Healthcare"}, {"nodpublishers.com", "Nod Publishers"},
        {"vanarsdelltd.com", "VanArsdel"}, {"contososuites.com", "Contoso Suites"},
        {"fabrikamresidences.com", "Fabrikam Residences"}, {"litware.dev", "Litware Labs"},
        {"bellowscollege.edu", "Bellows College"}, {"munsonpickles.com", "Munson's Pickles"},
        {"baldwinmuseum.org", "Baldwin Museum of Science"}, {"woodgrove-partners.net", "Woodgrove Partners"},
        {"northwindmail.net", "Northwind Mail"}, {"tailspintoys.com", "Tailspin Toys"}};

    static final String[] ROLE_LOCALS = {"billing", "invoices", "noreply", "no-reply", "newsletter", "news",
        "support", "orders", "notifications", "events", "careers", "accounts", "service", "info"};
    static final String[] ROLE_NAMES = {"Billing", "Invoices", "", "", "Newsletter", "News", "Support", "Orders",
        "Notifications", "Events", "Careers", "Accounts", "Customer Service", "Info"};

    static final String[] PROJECTS = {"Atlas", "Harbor", "Juniper", "Quartz", "Meridian", "Falcon", "Lumen",
        "Orchid", "Cobalt", "Summit", "Beacon", "Tundra"};
    static final String[] THINGS = {"shipping", "licence", "maintenance", "catering", "cloud storage",
        "insurance", "parking", "travel", "hardware", "training"};
    static final String[] MONTHS = {"January", "February", "March", "April", "May", "June", "July", "August",
        "September", "October", "November", "December"};
    static final String[] WEEKDAYS = {"Monday", "Tuesday", "Wednesday", "Thursday", "Friday"};

    static final String[] SUBJECTS_EN = {"Invoice {n} for {month}", "Your order #{n} has shipped",
        "Weekly status: {project}", "Re: {project} kickoff notes", "Reminder: timesheet due {weekday}",
        "Action required: confirm your {thing} details", "Quarterly newsletter - {month} edition",
        "Re: Re: question about the {thing} contract", "Delivery notice {n}: parcel waiting at depot",
        "Your {thing} subscription renews on {day} {month}", "Meeting request: {project} review",
        "Shared document: {project} budget v{d}.xlsx", "Out of office: back on {weekday}",
        "FW: {thing} quote #{n}", "Webinar invitation: what's new in {project} {d}.0",
        "Receipt for your payment of EUR {n}", "Re: lunch on {weekday}?", "[{project}] build {n} failed",
        "Your statement for {month} is ready", "Survey: tell us about your {thing} experience"};
    static final String[] SUBJECTS_DE = {"Rechnung Nr. {n} \u2013 F\u00e4lligkeit {day}. {month}",
        "Einladung: {project} Abstimmung am {weekday}", "Lieferavis {n}: Ihre Sendung ist unterwegs",
        "AW: Angebot f\u00fcr {thing}", "Erinnerung: Gr\u00fc\u00dfe vom {project}-Team"};
    static final String[] SUBJECTS_FR = {"Facture n\u00b0 {n}", "R\u00e9union de suivi \u2013 {project}",
        "Confirmation de commande {n}", "Votre relev\u00e9 de {month} est disponible"};
    static final String[] SUBJECTS_NL = {"Factuur {n} voor {month}", "Uitnodiging: {project} overleg",
        "Herinnering: bevestig uw {thing}"};
    static final String[] SUBJECTS_ES = {"Factura {n} de {month}", "Reuni\u00f3n: revisi\u00f3n de {project}",
        "Su pedido {n} est\u00e1 en camino"};
    static final String[] SUBJECTS_JA = {"\u3010\u3054\u6848\u5185\u3011{project} \u8aac\u660e\u4f1a\u306e\u304a\u77e5\u3089\u305b",
        "\u8acb\u6c42\u66f8 {n} \u306e\u9001\u4ed8"};
    static final String[] CAMPAIGN_SUBJECTS = {"Urgent: payroll details must be confirmed today",
        "Your mailbox storage is full - verify to keep receiving mail",
        "Secure message from HR: salary review {n}", "Invoice {n} overdue - final notice"};
    /** Subjects that contain the text "DKIM":"fail" on emails whose DKIM passes. */
    static final String[] TRAP_SUBJECTS = {
        "Re: report shows \"DKIM\":\"fail\" for our newsletter - is that expected?",
        "Fwd: header dump {\"SPF\":\"pass\",\"DKIM\":\"fail\"} from last week",
        "Ticket {n}: customer sees \"DKIM\":\"fail\" in their gateway log",
        "Training: how to read {\"DKIM\":\"fail\",\"DMARC\":\"fail\"} in AuthenticationDetails",
        "Re: why did the query match \"DKIM\":\"fail\" on a passing message?",
        "Postmortem {n}: alert rule fired on \"DKIM\":\"fail\" text in subjects"};

    static final String[] URL_PATHS = {"invoice/view", "track", "account/settings", "news/2026/10", "unsubscribe",
        "events/register", "docs/share", "orders/status", "login", "survey/start"};
    static final String[][] ATTACHMENT_TYPES = {{"pdf", "Invoice_{n}.pdf"}, {"docx", "Minutes_{project}.docx"},
        {"xlsx", "Budget_{project}_v{d}.xlsx"}, {"png", "image00{d}.png"}, {"zip", "Scans_{n}.zip"},
        {"ics", "invite.ics"}};

    private Vocabulary() {}
}
