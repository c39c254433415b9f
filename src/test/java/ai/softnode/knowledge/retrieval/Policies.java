package ai.softnode.knowledge.retrieval;

import java.util.List;
import java.util.Map;

/** The written-out pages of the benchmark shop: policies, services and company information. */
final class Policies {

	private Policies() {
	}

	static void add(Map<String, String> pages, List<BenchmarkCorpus.Question> questions) {
		page(pages, "delivery", """
				# Delivery

				## UK delivery

				Orders placed before 2 pm on a working day leave our Leeds warehouse the same day. Standard delivery to UK mainland addresses takes two to three working days and costs £3.95. Orders over £50 are delivered free of charge.

				Next-day delivery is available for £7.50 when you order before 2 pm from Monday to Thursday; orders placed on Friday arrive on Monday.

				Deliveries to the Scottish Highlands, Northern Ireland and the islands take up to five working days and cost £6.95 whatever the order value.

				## International delivery

				We deliver to 28 countries in Europe for a flat £14.95, usually within seven working days. Import duties for countries outside the UK are included in the price you see at checkout, so nothing more is due on delivery.

				We do not currently deliver to the United States, Canada or Australia.

				## Tracking

				As soon as your parcel leaves the warehouse we send a tracking link by email and text message. If the tracking has not changed for three working days, contact us and we will open an investigation with the courier.
				""");
		q(questions, "delivery", "Standard delivery to UK mainland addresses takes two to three working days", "How long will my order take to arrive?");
		q(questions, "delivery", "Orders over £50 are delivered free", "Is shipping free if I spend enough?");
		q(questions, "delivery", "Next-day delivery is available for £7.50", "Can I get my parcel tomorrow?");
		q(questions, "delivery", "Scottish Highlands, Northern Ireland and the islands", "Do you deliver to Belfast and how long does it take?");
		q(questions, "delivery", "We deliver to 28 countries in Europe", "Can you send an order to France?");
		q(questions, "delivery", "We do not currently deliver to the United States", "Do you ship to America?");
		q(questions, "delivery", "Import duties for countries outside the UK are included", "Will I have to pay customs fees when my parcel arrives in Germany?");
		q(questions, "delivery", "If the tracking has not changed for three working days", "My parcel seems stuck in transit, what should I do?");

		page(pages, "returns", """
				# Returns and refunds

				## Returning an item

				You can return unused items in their original condition within 60 days of delivery for a full refund. Footwear must not have been worn outdoors, so please try boots on at home on a clean floor.

				To return by post, print the free returns label from your order confirmation email and drop the parcel at any Post Office or parcel locker. You can also bring the item to any of our stores with your order number.

				## Refunds

				We refund to the original payment method within five working days after your return reaches our warehouse. Gift card purchases are refunded as a new gift card.

				## Exchanges

				If you need another size, we will send the new size out as soon as we scan your return, so you are not without it for long. Exchanges are free of charge.

				## Sale items

				Items bought in the sale can be returned within 14 days of delivery.
				""");
		q(questions, "returns", "within 60 days of delivery for a full refund", "How long do I have to send something back?");
		q(questions, "returns", "Footwear must not have been worn outdoors", "Can I return hiking boots I've used on a walk?");
		q(questions, "returns", "print the free returns label", "Do I have to pay for return postage?");
		q(questions, "returns", "We refund to the original payment method within five working days", "When will I get my money back?");
		q(questions, "returns", "we will send the new size out as soon as we scan your return", "The jacket is too small, can I swap it for a bigger one?");
		q(questions, "returns", "Items bought in the sale can be returned within 14 days", "Can I return something I bought at a discount?");

		page(pages, "payment", """
				# Payment

				We accept Visa, Mastercard, American Express, PayPal, Apple Pay and Google Pay. Your card is charged when your order is dispatched, not when you place it.

				## Pay in three

				For orders between £60 and £1,500 you can spread the cost over three interest-free monthly instalments with Klarna. Klarna runs a soft credit check that does not affect your credit score.

				## Business accounts

				Schools, scout groups and outdoor centres can apply for a business account with 30-day invoice terms and a 10% discount on orders over £500.
				""");
		q(questions, "payment", "We accept Visa, Mastercard, American Express, PayPal", "Can I pay with Amex?");
		q(questions, "payment", "Your card is charged when your order is dispatched", "When is the money taken from my account?");
		q(questions, "payment", "three interest-free monthly instalments", "Can I pay in instalments?");
		q(questions, "payment", "30-day invoice terms", "Our scout troop wants to pay by invoice, is that possible?");

		page(pages, "gift-cards", """
				# Gift cards

				Gift cards are available in any amount from £10 to £500 and are valid for five years from the date of purchase. You can use them online and in every store, and spend the balance over several orders.

				E-gift cards arrive by email within an hour; plastic gift cards are posted free of charge in a presentation envelope.

				Lost gift cards can be replaced if you still have the receipt or the order confirmation.
				""");
		q(questions, "gift-cards", "valid for five years from the date of purchase", "Do gift vouchers expire?");
		q(questions, "gift-cards", "E-gift cards arrive by email within an hour", "I forgot a birthday, how fast can I send a voucher?");
		q(questions, "gift-cards", "Lost gift cards can be replaced", "I lost my gift card, can I get a new one?");

		page(pages, "rewards", """
				# Brightwater Rewards

				Brightwater Rewards is free to join. Members earn 5 points for every pound they spend, and every 500 points become a £5 voucher that is emailed automatically.

				Members also get free next-day delivery on their birthday month orders and early access to our summer and winter sales.

				Points expire if your account has no purchases for 24 months.
				""");
		q(questions, "rewards", "every 500 points become a £5 voucher", "How do loyalty points turn into money off?");
		q(questions, "rewards", "Points expire if your account has no purchases for 24 months", "Will I lose my reward points?");
		q(questions, "rewards", "early access to our summer and winter sales", "What perks do members get?");

		page(pages, "rentals", """
				# Equipment hire

				Not ready to buy? Our Keswick, Inverness and Edinburgh stores hire out tents, sleeping bags, rucksacks and walking poles by the day or the week.

				A two-person tent costs £12 per day or £45 per week; a sleeping bag costs £6 per day. Hire prices include a cleaning fee.

				If you decide to buy within 30 days of your hire, we deduct the hire fee from the price of the new item.

				A refundable deposit of £50 per item is taken when you collect the equipment.
				""");
		q(questions, "rentals", "hire out tents, sleeping bags, rucksacks and walking poles", "Can I rent camping gear instead of buying it?");
		q(questions, "rentals", "A two-person tent costs £12 per day", "How much does it cost to borrow a tent for a weekend?");
		q(questions, "rentals", "we deduct the hire fee from the price", "If I like the rented tent, can I buy it?");
		q(questions, "rentals", "A refundable deposit of £50 per item", "Is there a deposit for hired equipment?");

		page(pages, "repairs", """
				# Repairs and warranty claims

				## Warranty claims

				If a product fails because of a manufacturing fault within its warranty period, we repair it, replace it or refund it. Bring it to any store or send it to our Leeds workshop with a note describing the fault; we pay the postage for accepted claims.

				Wear and tear, accidental damage and damage from incorrect care are not covered by the warranty.

				## Paid repairs

				Our workshop also repairs gear of any brand: zip replacement from £15, tent pole sections from £8, and boot resoling from £55. Most repairs take seven to ten working days.
				""");
		q(questions, "repairs", "we repair it, replace it or refund it", "My rucksack strap tore after two months, what can you do?");
		q(questions, "repairs", "Wear and tear, accidental damage", "Does the warranty cover damage I caused myself?");
		q(questions, "repairs", "boot resoling from £55", "How much does it cost to resole walking boots?");
		q(questions, "repairs", "Most repairs take seven to ten working days", "How long will a repair take?");

		page(pages, "price-match", """
				# Price promise

				If you find the same product cheaper at another UK retailer within 14 days of buying it from us, we refund the difference. The item must be in stock at the other retailer and sold new, not as part of a clearance or marketplace listing.

				Contact customer service with a link to the cheaper offer.
				""");
		q(questions, "price-match", "we refund the difference", "I saw the same tent cheaper elsewhere, will you match the price?");

		page(pages, "sustainability", """
				# Sustainability

				By 2027 every product we sell under our own brand will be made from recycled or renewable materials; today that is true for 71% of them. Our down is certified to the Responsible Down Standard.

				We take back worn-out outdoor clothing of any brand in every store. Usable items are cleaned and donated to charities; the rest is recycled into insulation.

				Our warehouse runs on renewable electricity, and parcels are packed in recycled cardboard without plastic tape.
				""");
		q(questions, "sustainability", "We take back worn-out outdoor clothing of any brand", "What can I do with my old jacket that is falling apart?");
		q(questions, "sustainability", "certified to the Responsible Down Standard", "Is your down ethically sourced?");
		q(questions, "sustainability", "packed in recycled cardboard without plastic tape", "Do you use plastic packaging?");

		page(pages, "events", """
				# Events and courses

				Every month our stores run free evening talks on route planning, wild camping and winter skills. Places are limited to 30 and can be booked on the store pages.

				Our weekend navigation course teaches map and compass skills in the Peak District and costs £95, including lunch on both days.
				""");
		q(questions, "events", "weekend navigation course teaches map and compass skills", "Do you offer courses on reading a map?");
		q(questions, "events", "free evening talks on route planning", "Are there any free events at your shops?");

		page(pages, "account", """
				# Your account

				You can change your delivery address until your order has been packed; after that, contact us and we will try to redirect the parcel with the courier.

				To cancel an order, open it in your account and choose Cancel. Orders that have already been dispatched cannot be cancelled but can be returned.

				Forgotten your password? Choose Forgotten password on the sign-in page and we will email you a reset link that is valid for one hour.
				""");
		q(questions, "account", "You can change your delivery address until your order has been packed", "I moved house, can I update where my order goes?");
		q(questions, "account", "To cancel an order, open it in your account", "How do I cancel my order?");
		q(questions, "account", "email you a reset link that is valid for one hour", "I can't remember my login password.");

		page(pages, "careers", """
				# Careers

				We employ 420 people across our stores, the Leeds warehouse and the head office in York. Staff get a 40% discount, two paid adventure days a year and a cycle-to-work scheme.

				Seasonal jobs for the Christmas period are advertised in September.
				""");
		q(questions, "careers", "Staff get a 40% discount", "What benefits do employees get?");
		q(questions, "careers", "Seasonal jobs for the Christmas period are advertised in September", "When do you hire Christmas temps?");

		page(pages, "about", """
				# About Brightwater

				Brightwater was founded in 1986 by two climbing friends who opened a small shop in Leeds. Today we have twelve stores across England, Scotland and Wales and an online shop that delivers across Europe.

				We are an employee-owned company: since 2015 a trust has held the majority of our shares on behalf of everyone who works here.
				""");
		q(questions, "about", "founded in 1986 by two climbing friends", "How old is the company and who started it?");
		q(questions, "about", "employee-owned company", "Who owns Brightwater?");

		page(pages, "contact", """
				# Contact us

				Our customer service team answers the phone on 0113 496 0123 from Monday to Saturday, 8:00 to 20:00. Live chat on the website is available every day from 8:00 to 22:00.

				Emails to help@brightwater.example are answered within one working day.
				""");
		q(questions, "contact", "Live chat on the website is available every day", "Can I chat with someone online on a Sunday evening?");
		q(questions, "contact", "answered within one working day", "How fast do you reply to emails?");
	}

	private static void page(Map<String, String> pages, String slug, String text) {
		pages.put(slug, text);
	}

	private static void q(List<BenchmarkCorpus.Question> questions, String page, String key, String text) {
		questions.add(new BenchmarkCorpus.Question(page, key, text));
	}

}
