package ai.softnode.knowledge.retrieval;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * Writes the benchmark's knowledge base — the website of a fictional outdoor-gear retailer, with
 * product pages, store pages and policy pages — and its question set, each question with a phrase
 * that only the passage answering it contains. Product and store pages come from templates with
 * varied wording; policy pages are written out. Run {@code main} to regenerate
 * {@code bench/knowledge/kb/} and {@code bench/knowledge/questions.tsv}.
 */
public final class BenchmarkCorpus {

	private static final String[][] PRODUCTS = {
			{ "tent", "Trailhead 2" }, { "tent", "Trailhead 3" }, { "tent", "Summit Dome 4" }, { "tent", "Fjord Tunnel 6" },
			{ "tent", "Alpine Bivy" }, { "tent", "Meadow Family 5" }, { "pack", "Ridgeline 35" }, { "pack", "Ridgeline 50" },
			{ "pack", "Voyager 65" }, { "pack", "Daypack Lite 20" }, { "pack", "Canyon Hydration 12" }, { "pack", "Junior Explorer 18" },
			{ "bag", "Ember Minus 5" }, { "bag", "Ember Zero" }, { "bag", "Glacier Minus 15" }, { "bag", "Summer Breeze" },
			{ "bag", "Little Camper" }, { "jacket", "Stormshell" }, { "jacket", "Thermo Down Hoodie" }, { "jacket", "Windrunner" },
			{ "jacket", "Peak Softshell" }, { "jacket", "Cloudburst Poncho" }, { "boot", "Granite Mid" }, { "boot", "Trail Runner X" },
			{ "boot", "Highland Leather" }, { "boot", "Scree Approach" }, { "stove", "Flare Micro Stove" },
			{ "stove", "Basecamp Twin Burner" }, { "stove", "Titan Pot Set" }, { "mat", "AirLite Mat" }, { "mat", "Comfort Foam Pad" },
			{ "mat", "Insulated Air Pro" }, { "gear", "Carbon Trek Poles" }, { "gear", "Beacon 400 Headlamp" }, { "gear", "Glow Lantern" },
			{ "gear", "PureFlow Filter" }, { "gear", "Fold Bottle" }, { "gear", "Insulated Flask" }, { "gear", "Compass Pro" },
			{ "gear", "Trekker Gaiters" } };

	private static final String[] CITIES = { "Leeds", "York", "Manchester", "Sheffield", "Bristol", "Bath", "Cardiff", "Edinburgh",
			"Glasgow", "Inverness", "Keswick", "Exeter" };

	private BenchmarkCorpus() {
	}

	public static void main(String[] args) throws IOException {
		var root = Path.of(args.length > 0 ? args[0] : "bench/knowledge");
		var corpus = generate();
		var kb = root.resolve("kb");
		Files.createDirectories(kb);
		try (var old = Files.list(kb)) {
			for (var file : old.toList()) {
				Files.delete(file);
			}
		}
		for (var page : corpus.pages().entrySet()) {
			Files.writeString(kb.resolve(page.getKey() + ".md"), page.getValue(), StandardCharsets.UTF_8);
		}
		var tsv = new StringBuilder("# page\tanswer phrase\tquestion\n");
		for (var question : corpus.questions()) {
			tsv.append(question.page()).append('\t').append(question.key()).append('\t').append(question.text()).append('\n');
		}
		Files.writeString(root.resolve("questions.tsv"), tsv, StandardCharsets.UTF_8);
		System.out.println(corpus.pages().size() + " pages, " + corpus.questions().size() + " questions written to " + root);
	}

	/** A page name and its Markdown text, and the questions about them. */
	public record Corpus(Map<String, String> pages, List<Question> questions) {
	}

	/**
	 * A question with the phrase its answering passage contains.
	 *
	 * @param page the page that answers it
	 */
	public record Question(String page, String key, String text) {
	}

	public static Corpus generate() {
		var random = new Random(42);
		var pages = new LinkedHashMap<String, String>();
		var questions = new ArrayList<Question>();
		for (var product : PRODUCTS) {
			product(product[0], product[1], random, pages, questions);
		}
		for (var city : CITIES) {
			store(city, random, pages, questions);
		}
		Policies.add(pages, questions);
		return new Corpus(pages, questions);
	}

	private static void product(String kind, String name, Random random, Map<String, String> pages, List<Question> questions) {
		var slug = "product-" + name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-");
		var weight = String.format(Locale.ROOT, "%.2f", switch (kind) {
			case "tent" -> 1.1 + random.nextInt(40) / 10.0;
			case "pack", "bag", "boot", "jacket" -> 0.4 + random.nextInt(18) / 10.0;
			default -> 0.1 + random.nextInt(9) / 10.0;
		});
		var price = 25 + random.nextInt(90) * 5 - 1;
		var warranty = 1 + random.nextInt(10);
		var intro = pick(random, "Built for long days outdoors, the %s is one of our best sellers.",
				"The %s was developed with mountain guides in the Lake District.",
				"Customers choose the %s for its balance of weight, comfort and durability.",
				"Every %s is tested in our rain chamber before it leaves the factory.").formatted(name);
		var material = switch (kind) {
			case "tent", "pack", "jacket", "bag" -> "The outer fabric of the %s is " + pick(random, "recycled ripstop nylon",
					"ripstop polyester with a silicone finish", "waxed organic cotton", "Cordura nylon") + ". ";
			case "boot" -> "The %s is made of " + pick(random, "full-grain leather with a waterproof membrane", "suede and breathable mesh") + ". ";
			case "mat" -> "The %s is made of " + pick(random, "recycled nylon with a TPU coating", "closed-cell foam") + ". ";
			default -> "The %s is made of " + pick(random, "aluminium alloy", "stainless steel", "titanium", "BPA-free plastic") + ". ";
		};
		var text = new StringBuilder("# ").append(name).append("\n\n").append(intro).append("\n\n## Overview\n\n");
		var detail = switch (kind) {
			case "tent" -> {
				var people = 1 + random.nextInt(6);
				var minutes = 3 + random.nextInt(12);
				var capacity = "The %s sleeps %d people and has %d doors with their own porches.".formatted(name, people, 1 + random.nextInt(2));
				questions.add(new Question(slug, "%s sleeps %d people".formatted(name, people), pick(random,
						"How many people fit in the %s?", "Is the %s big enough for a family, how many can sleep in it?",
						"What's the sleeping capacity of the %s tent?").formatted(name)));
				yield capacity + " One person can pitch it in about " + minutes + " minutes, and the inner tent stays dry while the fly goes up first.";
			}
			case "pack" -> {
				var litres = 12 + random.nextInt(60);
				var back = 40 + random.nextInt(15);
				var capacity = "The %s holds %d litres and fits back lengths from %d to %d cm.".formatted(name, litres, back, back + 12);
				questions.add(new Question(slug, "%s holds %d litres".formatted(name, litres), pick(random,
						"What volume is the %s rucksack?", "How much can I carry in the %s?", "How many litres is the %s?").formatted(name)));
				yield capacity + " The hip belt has two zipped pockets, and the lid converts into a small shoulder bag for town.";
			}
			case "bag" -> {
				var comfort = -15 + random.nextInt(25);
				var capacity = "The %s keeps you comfortable down to %d °C and is filled with responsibly sourced down.".formatted(name, comfort);
				questions.add(new Question(slug, "%s keeps you comfortable down to".formatted(name), pick(random,
						"How cold can it get before I'm freezing in the %s?", "What temperature is the %s sleeping bag rated for?",
						"Is the %s warm enough for winter camping?").formatted(name)));
				yield capacity + " It packs into a compression sack the size of a loaf of bread.";
			}
			case "jacket" -> {
				var head = 10 + random.nextInt(20);
				var capacity = "The %s has a %d,000 mm waterproof rating and taped seams throughout.".formatted(name, head);
				questions.add(new Question(slug, "%s has a %d,000 mm waterproof rating".formatted(name, head), pick(random,
						"Will the %s keep me dry in heavy rain?", "How waterproof is the %s?", "Is the %s jacket fully waterproof?").formatted(name)));
				yield capacity + " The hood adjusts with one hand and rolls into the collar when you do not need it.";
			}
			case "boot" -> {
				var from = 36 + random.nextInt(4);
				var capacity = "The %s comes in sizes EU %d to EU 48, including half sizes.".formatted(name, from);
				questions.add(new Question(slug, "%s comes in sizes EU %d".formatted(name, from), pick(random,
						"Which sizes does the %s come in?", "Do you have the %s in small sizes?", "What size range is the %s available in?")
					.formatted(name)));
				yield capacity + " A grippy rubber sole and a protective toe cap make it at home on rocky paths.";
			}
			case "stove" -> {
				var boil = 2 + random.nextInt(5);
				var capacity = "The %s boils a litre of water in about %d minutes on a standard gas canister.".formatted(name, boil);
				questions.add(new Question(slug, "%s boils a litre of water".formatted(name), pick(random,
						"How quickly does the %s boil water?", "How long does the %s take to get water boiling?",
						"Is the %s fast at boiling water?").formatted(name)));
				yield capacity + " Canisters are sold separately in every store.";
			}
			case "mat" -> {
				var r = 1 + random.nextInt(6);
				var capacity = "The %s has an R-value of %d.%d, so it insulates you from the cold ground.".formatted(name, r, random.nextInt(10));
				questions.add(new Question(slug, "%s has an R-value of".formatted(name), pick(random,
						"How well does the %s insulate from the ground?", "What is the R-value of the %s?",
						"Is the %s warm enough to sleep on snow?").formatted(name)));
				yield capacity + " A repair kit is included in the stuff sack.";
			}
			default -> {
				var battery = 5 + random.nextInt(40);
				var capacity = "The %s is guaranteed to last %d years of regular use in the hills.".formatted(name, battery);
				questions.add(new Question(slug, "%s is guaranteed to last".formatted(name), pick(random,
						"How long will the %s last?", "How durable is the %s?", "What lifetime can I expect from the %s?").formatted(name)));
				yield capacity + " Spare parts are available from our workshop.";
			}
		};
		text.append(detail).append("\n\n## Materials and weight\n\n");
		text.append(material.formatted(name));
		text.append("The %s weighs %s kg, which makes it %s.\n\n".formatted(name, weight,
				pick(random, "easy to carry on long trips", "a good choice for weekend outings", "light enough for fast-and-light hikes")));
		text.append("## Price and warranty\n\nThe %s costs £%d, and members of Brightwater Rewards earn 5 points per pound. ".formatted(name, price));
		text.append("The %s is covered by our %d-year warranty against manufacturing faults.\n\n".formatted(name, warranty));
		var care = switch (kind) {
			case "tent" -> "Dry the %s completely before packing it away, so that mildew cannot form on the flysheet.";
			case "pack" -> "Clean the %s with a damp cloth and mild soap; never put it in the washing machine.";
			case "bag" -> "Wash the %s on a gentle cycle with down wash and tumble dry it on low heat with clean tennis balls.";
			case "jacket" -> "Wash the %s at 30 °C with a technical wash and refresh the water repellency with a spray-on proofer.";
			case "boot" -> "Brush mud off the %s after every walk and treat the uppers with wax twice a season.";
			case "stove", "gear" -> "Wipe the %s clean after use and store it dry to prevent corrosion.";
			default -> "Store the %s unrolled with the valve open so the foam keeps its loft.";
		};
		text.append("## Care\n\n").append(care.formatted(name)).append(" ").append(pick(random,
				"Our stores offer a free check-up once a year.", "Ask in store if you are unsure.",
				"Care products are sold online and in store.")).append('\n');
		pages.put(slug, text.toString());
		var options = new ArrayList<Question>(List.of(
				new Question(slug, "%s weighs %s kg".formatted(name, weight), pick(random, "How heavy is the %s?",
						"What does the %s weigh?", "Is the %s light?").formatted(name)),
				new Question(slug, "%s costs £%d".formatted(name, price), pick(random, "How much is the %s?",
						"What's the price of the %s?", "How much do I have to pay for the %s?").formatted(name)),
				new Question(slug, "%s is covered by our %d-year warranty".formatted(name, warranty), pick(random,
						"How long is the guarantee on the %s?", "What happens if my %s breaks, is there a warranty?",
						"How many years of warranty does the %s have?").formatted(name)),
				new Question(slug, care.formatted(name).substring(0, 30), pick(random, "How do I look after my %s?",
						"How should I clean the %s?", "Any care tips for the %s?").formatted(name))));
		java.util.Collections.shuffle(options, random);
		questions.addAll(options.subList(0, 2));
	}

	private static void store(String city, Random random, Map<String, String> pages, List<Question> questions) {
		var slug = "store-" + city.toLowerCase(Locale.ROOT);
		var street = pick(random, "Market Street", "Station Road", "High Street", "Castle Hill", "Quay Side", "Park Row");
		var sunday = pick(random, "10:00 to 16:00", "11:00 to 17:00", "closed on Sundays", "10:30 to 16:30");
		var parking = pick(random, "free for two hours in the multi-storey car park behind the shop",
				"in the council car park on " + street + ", and we refund the first hour",
				"only on the street; the nearest car park is five minutes' walk away",
				"in our own car park with twelve spaces and two electric chargers");
		var phone = "0%d %03d %04d".formatted(113 + random.nextInt(800), random.nextInt(1000), random.nextInt(10_000));
		var workshop = pick(random, "services bikes, resoles boots and repairs zips while you wait",
				"fixes tent poles and zips within three days", "sends repairs to our central workshop in Leeds, which takes about a week");
		var text = """
				# Brightwater %1$s

				Our %1$s shop is at %2$d %3$s, in the centre of town. The team are keen walkers and climbers and happy to help you plan a trip.

				## Opening hours

				The %1$s store is open Monday to Friday from 9:00 to 18:00, Saturday from 9:00 to 17:30, and on Sundays %4$s. Bank holiday hours are posted in the window a week ahead.

				## Getting here

				Customers of the %1$s store can park %5$s. Buses stop outside the door every ten minutes.

				## Contact

				Call the %1$s store on %6$s, or email %7$s@brightwater.example.

				## Services

				At the %1$s store, our workshop %8$s. Boot fitting is free and takes about twenty minutes.
				""".formatted(city, 2 + random.nextInt(150), street, sunday.startsWith("closed") ? "it is closed" : "from " + sunday, parking,
				phone, city.toLowerCase(Locale.ROOT), workshop);
		pages.put(slug, text);
		questions.add(new Question(slug, "The %s store is open".formatted(city), pick(random, "When does the %s shop open on Sunday?",
				"What are the opening times of your %s branch?", "Is the %s store open at the weekend?").formatted(city)));
		questions.add(new Question(slug, "Customers of the %s store can park".formatted(city), pick(random,
				"Where can I leave my car when I visit the %s shop?", "Is there parking near the %s store?",
				"Can I drive to the %s branch, where do I park?").formatted(city)));
		questions.add(new Question(slug, "Call the %s store on".formatted(city), pick(random, "What's the phone number of the %s store?",
				"How can I ring the %s branch?", "I need to speak to someone at the %s shop, what number do I call?").formatted(city)));
		questions.add(new Question(slug, "At the %s store, our workshop".formatted(city), pick(random,
				"Can I get my gear repaired at the %s store?", "Does the %s shop fix broken zips?",
				"Is there a repair service in %s?").formatted(city)));
	}

	private static String pick(Random random, String... options) {
		return options[random.nextInt(options.length)];
	}

}
