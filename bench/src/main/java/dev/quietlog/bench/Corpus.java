package dev.quietlog.bench;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;

/**
 * The made-up world the simulated reps live in: about 2,000 customer companies with about
 * 20,000 contacts, the reps' own colleagues at acme.com, and the words subjects, snippets and
 * meeting titles are made of. Built once from a seed and shared read-only by every rep, so two
 * runs send comparable data.
 */
final class Corpus {
    static final String INTERNAL_DOMAIN = "acme.com";

    record Person(String email, String name) {
    }

    record Company(String name, String domain, List<Person> contacts) {
    }

    final List<Company> companies;
    final List<Person> reps;
    /** Internal people who are not reps (finance, legal, managers): for internal-only mail. */
    final List<Person> staff;

    private Corpus(List<Company> companies, List<Person> reps, List<Person> staff) {
        this.companies = companies;
        this.reps = reps;
        this.staff = staff;
    }

    static Corpus build(long seed, int repCount, int companyCount, int contactCount) {
        Random rnd = new Random(seed);
        List<String> names = companyNames(rnd, companyCount);
        Set<String> domains = new HashSet<>();
        List<String> companyDomains = new ArrayList<>();
        for (String name : names) {
            companyDomains.add(domainFor(name, rnd, domains));
        }
        // Account sizes are skewed as in real books of business: a few big accounts with many
        // contacts, a long tail with one or two. Every company gets at least one contact.
        List<List<Person>> contacts = new ArrayList<>();
        Set<String> emails = new HashSet<>();
        for (int c = 0; c < companyCount; c++) {
            contacts.add(new ArrayList<>());
            contacts.get(c).add(contact(rnd, companyDomains.get(c), emails));
        }
        for (int i = companyCount; i < contactCount; i++) {
            int c = (int) (companyCount * Math.pow(rnd.nextDouble(), 2.2));
            contacts.get(c).add(contact(rnd, companyDomains.get(c), emails));
        }
        List<Company> companies = new ArrayList<>(companyCount);
        for (int c = 0; c < companyCount; c++) {
            companies.add(new Company(names.get(c), companyDomains.get(c), List.copyOf(contacts.get(c))));
        }
        List<Person> reps = new ArrayList<>(repCount);
        for (int i = 1; i <= repCount; i++) {
            reps.add(repAt(i));
        }
        List<Person> staff = List.of(
                new Person("dana.whitfield@acme.com", "Dana Whitfield"),
                new Person("finance@acme.com", "Acme Finance"),
                new Person("legal@acme.com", "Acme Legal"),
                new Person("deal-desk@acme.com", "Deal Desk"),
                new Person("marco.bianchi@acme.com", "Marco Bianchi"),
                new Person("sales-leads@acme.com", "Sales leadership"),
                new Person("se-team@acme.com", "Solutions engineering"));
        return new Corpus(List.copyOf(companies), List.copyOf(reps), staff);
    }

    /** The rep the benchmark provisions as user i (1-based). */
    static Person repAt(int i) {
        return new Person("rep" + i + "@" + INTERNAL_DOMAIN, "Rep " + i);
    }

    private static List<String> companyNames(Random rnd, int count) {
        List<String> all = new ArrayList<>();
        for (String a : Words.COMPANY_FIRST) {
            for (String b : Words.COMPANY_SECOND) {
                all.add(a + " " + b);
            }
        }
        java.util.Collections.shuffle(all, rnd);
        if (all.size() < count) {
            throw new IllegalStateException("only " + all.size() + " company names, asked for " + count);
        }
        return List.copyOf(all.subList(0, count));
    }

    private static String domainFor(String companyName, Random rnd, Set<String> taken) {
        String[] words = companyName.toLowerCase(Locale.ROOT).split(" ");
        String tld = Words.TLDS[rnd.nextInt(Words.TLDS.length)];
        // Some companies mail from a regional subdomain (eu.brightlane.com): the account is still the parent.
        String sub = rnd.nextDouble() < 0.05 ? Words.SUBDOMAINS[rnd.nextInt(Words.SUBDOMAINS.length)] + "." : "";
        double style = rnd.nextDouble();
        List<String> candidates = style < 0.2
                ? List.of(words[0], words[0] + words[1], words[0] + "-" + words[1])
                : style < 0.6 ? List.of(words[0] + words[1], words[0] + "-" + words[1])
                : List.of(words[0] + "-" + words[1], words[0] + words[1]);
        for (String base : candidates) {
            if (taken.add(sub + base + "." + tld)) {
                return sub + base + "." + tld;
            }
        }
        for (int n = 2; ; n++) {
            String domain = sub + words[0] + words[1] + n + "." + tld;
            if (taken.add(domain)) {
                return domain;
            }
        }
    }

    private static Person contact(Random rnd, String domain, Set<String> taken) {
        String first = Words.FIRST_NAMES[rnd.nextInt(Words.FIRST_NAMES.length)];
        String last = Words.LAST_NAMES[rnd.nextInt(Words.LAST_NAMES.length)];
        String f = ascii(first);
        String l = ascii(last);
        double style = rnd.nextDouble();
        String local = style < 0.5 ? f + "." + l : style < 0.8 ? f.charAt(0) + l : f;
        String email = local + "@" + domain;
        for (int n = 2; !taken.add(email); n++) {
            email = local + n + "@" + domain;
        }
        return new Person(email, first + " " + last);
    }

    /** Mailbox names are ASCII even when the display name is not (Zoë Müller → zoe.muller). */
    private static String ascii(String name) {
        String decomposed = java.text.Normalizer.normalize(name, java.text.Normalizer.Form.NFD);
        return decomposed.replaceAll("\\p{M}", "").replace("ł", "l").replace("ø", "o").replace("ß", "ss")
                .replace("'", "").replace(" ", "").toLowerCase(Locale.ROOT);
    }
}
