package dev.quietlog.bench;

/**
 * Word lists for made-up but plausible sales mail. Names include non-ASCII letters and
 * apostrophes because real address books do, and the server must store them unchanged.
 */
final class Words {
    private Words() {
    }

    static final String[] COMPANY_FIRST = {
        "Northwind", "Brightlane", "Bluepeak", "Ironbark", "Silverline", "Redwood", "Clearwater", "Stonebridge",
        "Highgate", "Lakeshore", "Greenfield", "Blackstone", "Westbrook", "Eastfield", "Summit", "Harbor",
        "Pinecrest", "Oakridge", "Maple", "Cedar", "Granite", "Copper", "Cobalt", "Crimson", "Amber", "Atlas",
        "Beacon", "Compass", "Vertex", "Nimbus", "Quantum", "Helix", "Orbit", "Polaris", "Zenith", "Apex",
        "Fjord", "Tundra", "Sierra", "Mesa", "Prairie", "Coastal", "Alpine", "Riverbend", "Foxglove", "Kestrel",
        "Falcon", "Osprey", "Heron", "Lumen", "Solstice", "Equinox", "Meridian", "Parallax", "Tessellate",
        "Juniper", "Willow", "Birch", "Hawthorn", "Marigold",
    };

    static final String[] COMPANY_SECOND = {
        "Logistics", "Labs", "Systems", "Group", "Health", "Foods", "Capital", "Energy", "Robotics", "Analytics",
        "Software", "Networks", "Partners", "Holdings", "Manufacturing", "Media", "Retail", "Insurance",
        "Biotech", "Pharma", "Motors", "Aerospace", "Textiles", "Freight", "Hospitality", "Learning", "Security",
        "Dynamics", "Materials", "Ventures", "Consulting", "Outfitters", "Brewing", "Clinics", "Legal",
        "Payments", "Telecom", "Solar", "Marine", "Studios",
    };

    static final String[] TLDS = {
        "com", "com", "com", "com", "com", "com", "io", "io", "co", "net", "co.uk", "co.uk", "de", "de", "fr",
        "nl", "com.au", "ca", "es", "it", "se", "ch", "ie", "co.jp",
    };

    static final String[] SUBDOMAINS = {"eu", "us", "mail", "corp", "uk", "emea"};

    static final String[] FIRST_NAMES = {
        "James", "Mary", "Robert", "Patricia", "John", "Jennifer", "Michael", "Linda", "David", "Elizabeth",
        "William", "Barbara", "Richard", "Susan", "Joseph", "Jessica", "Thomas", "Sarah", "Charles", "Karen",
        "Christopher", "Lisa", "Daniel", "Nancy", "Matthew", "Sandra", "Anthony", "Ashley", "Mark", "Emily",
        "Priya", "Rahul", "Wei", "Mei", "Hiroshi", "Yuki", "Ahmed", "Fatima", "Olusegun", "Chiamaka",
        "José", "María", "François", "Zoë", "Søren", "Łukasz", "Björn", "Anaïs", "Chloé", "Renée",
        "Mateo", "Lucía", "Lars", "Ingrid", "Giulia", "Marco", "Sven", "Freya", "Aoife", "Niamh",
        "Oleksandr", "Kateryna", "Dmitri", "Ana", "Pedro", "Camila", "Tomás", "Noor", "Omar", "Leila",
        "Kwame", "Ama", "Arjun", "Ananya", "Jin", "Min-jun", "Seo-yeon", "Thabo", "Naledi", "Maximilian",
    };

    static final String[] LAST_NAMES = {
        "Smith", "Johnson", "Williams", "Brown", "Jones", "Garcia", "Miller", "Davis", "Rodriguez", "Martinez",
        "Hernandez", "Lopez", "Gonzalez", "Wilson", "Anderson", "Thomas", "Taylor", "Moore", "Jackson", "Martin",
        "Lee", "Perez", "Thompson", "White", "Harris", "Sanchez", "Clark", "Ramirez", "Lewis", "Robinson",
        "O'Brien", "O'Connor", "Müller", "Schmidt", "Schneider", "Fischer", "Dubois", "Lefèvre", "Rossi",
        "Bianchi", "Nakamura", "Tanaka", "Kim", "Park", "Chen", "Wang", "Singh", "Patel", "Sharma", "Okafor",
        "Adeyemi", "Mensah", "Nkosi", "Kowalski", "Nowak", "Nielsen", "Johansson", "Lindqvist", "Andersson",
        "Van der Berg", "De Vries", "Jansen", "Costa", "Silva", "Ferreira", "Novak", "Horvat", "Ivanova",
        "Shevchenko", "Haddad", "Khalil", "Murphy", "Kelly", "Walsh", "Byrne", "Fernández", "García-Márquez",
        "Nguyen", "Tran",
    };

    static final String[] PRODUCTS = {
        "Acme Platform", "Acme Analytics", "the Enterprise plan", "the SSO add-on", "Acme Connect",
        "the data residency option", "premium support", "Acme Insights", "the API tier", "the onboarding package",
    };

    static final String[] TOPICS = {
        "renewal", "pricing", "security questionnaire", "pilot", "rollout plan", "SOW", "MSA redlines",
        "procurement", "invoice", "POC results", "integration", "SSO setup", "data migration", "expansion",
        "quarterly review", "budget approval", "legal review", "DPA", "reference call", "training",
    };

    static final String[] EMAIL_SUBJECTS = {
        "{company} <> Acme: {topic}",
        "{topic} for {company}",
        "Following up on our call",
        "Quick question about {product}",
        "Proposal: {product} for {company}",
        "Next steps — {topic}",
        "{company} {topic} – updated numbers",
        "Intro: {name} / Acme",
        "Notes from today's meeting",
        "Contract v{n} attached",
        "{company}: {topic} timeline",
        "Can we move our {day} call?",
        "Re-sending the {topic} deck",
        "Checking in on {topic}",
        "Your trial of {product}",
        "[{company}] Support ticket #{ticket}",
        "Q{quarter} plan and {topic}",
        "Thanks for your time, {first}!",
    };

    static final String[] SNIPPETS = {
        "Hi {first}, thanks again for taking the time today. As promised, I'm attaching the {topic} summary and the "
                + "pricing we discussed for {product}. Let me know if {day} works for a follow-up.",
        "Hello {first}, just checking in on the {topic}. Our legal team has reviewed the latest version and we "
                + "only have two small comments on section {n}.",
        "Hi team, we'd like to move forward with {product}. Could you send over the order form and the updated "
                + "{topic} so procurement can start on their side?",
        "{first}, great speaking with you. Summary: 1) {topic} by end of Q{quarter}; 2) pilot with {n} users; "
                + "3) security review next week. Anything I missed?",
        "Thanks {first} — I've looped in my colleague who handles {topic}. We'll get back to you by {day} with "
                + "answers to the questions in your email.",
        "Good morning, please find attached invoice #{ticket} for {product}. Payment terms are net 30 as per "
                + "the agreement. Don't hesitate to reach out with any questions.",
        "Hi {first}, I wanted to share a case study from another customer in your space who cut reporting time "
                + "by {n}0% with {product}. Would a 20-minute call on {day} be useful?",
        "We're still waiting on budget approval for {topic}; the CFO wants to see the ROI numbers again. Can you "
                + "resend the model with {n} seats instead?",
        "Apologies for the delay! {company} had an all-hands this week. Re: {topic} — yes, {day} at 2pm works "
                + "for us. I'll send an invite.",
        "Hi {first}, quick reminder that the {topic} expires on the {n}th. Happy to walk you through the "
                + "options, including {product}.",
    };

    static final String[] MEETING_TITLES = {
        "{company} <> Acme: {topic}",
        "Demo: {product} for {company}",
        "Intro call — {company}",
        "{company} quarterly business review",
        "{topic} working session",
        "Acme / {company} — contract review",
        "Pricing discussion with {first}",
        "{company} onboarding sync",
        "Technical deep dive: {product}",
        "Executive alignment: {company} & Acme",
    };

    static final String[] RECURRING_TITLES = {
        "Weekly sync — {company} onboarding",
        "{company} / Acme bi-weekly check-in",
        "{company} rollout stand-up",
        "Monthly {topic} review with {company}",
    };

    static final String[] INTERNAL_SUBJECTS = {
        "Deal desk: {company} discount approval",
        "Forecast call prep — Q{quarter}",
        "Can you cover my {day} demo?",
        "Legal review needed: {company} MSA",
        "Pipeline review notes",
        "Team offsite agenda",
        "Expense report reminder",
        "{company} account plan (internal)",
    };

    static final String[] INTERNAL_SNIPPETS = {
        "Hey, can you take a look at the {company} numbers before the forecast call? I think we can close "
                + "{n} seats this quarter if deal desk approves the discount.",
        "Reminder: pipeline review is moved to {day}. Please update your opportunities by end of day.",
        "Quick heads-up — legal flagged the liability cap in the {company} redlines. Let's discuss before "
                + "we respond.",
    };

    static final String[] DAYS = {"Monday", "Tuesday", "Wednesday", "Thursday", "Friday"};
}
