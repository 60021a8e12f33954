/**
 * Built-in ideas to start from. The article behind Mend says new, positive experiences "replace
 * pain with connection" and "dilute" the past's charge: so these are things most couples have not
 * done together before, varied (outdoors and in, calm and playful, free and not), and none asks
 * either partner to talk about the hurt. Adding one copies it into the couple's own list, where
 * they can change every word; the id only records where it came from.
 */
export interface ExperienceSuggestion {
  id: string;
  title: string;
  notes: string;
}

export const EXPERIENCE_SUGGESTIONS: readonly ExperienceSuggestion[] = [
  { id: 'sunrise-walk', title: 'Watch a sunrise together', notes: 'Find a spot facing east, bring something warm to drink, and walk home as the day starts.' },
  { id: 'cook-new-cuisine', title: 'Cook a dish from a cuisine neither of us knows', notes: 'Choose a country at random, shop for it together, and eat whatever comes out of it.' },
  { id: 'day-trip-unvisited-town', title: 'Take a day trip to a town we have never visited', notes: 'Pick somewhere within two hours, with no plan beyond lunch and a wander.' },
  { id: 'beginner-class', title: 'Take a beginners’ class together', notes: 'Pottery, salsa, climbing, a language: something where we both start from nothing.' },
  { id: 'picnic-new-park', title: 'Have a picnic in a park we have not been to', notes: 'Each of us packs one surprise for the other.' },
  { id: 'stargazing', title: 'Go stargazing away from city lights', notes: 'Check the forecast, take a blanket and a star map app, and see what we can name.' },
  { id: 'volunteer-together', title: 'Volunteer together for a morning', notes: 'A food bank, a park clean-up, an animal shelter: doing good side by side.' },
  { id: 'plant-something', title: 'Plant something and look after it together', notes: 'A tree, a window box, herbs on the sill: something that grows over the coming months.' },
  { id: 'museum-neither-chose', title: 'Visit a museum or gallery neither of us would usually pick', notes: 'Each of us chooses one thing in it to show the other.' },
  { id: 'swim-outdoors', title: 'Swim somewhere outdoors', notes: 'A lido, a lake or the sea, and something hot to eat afterwards.' },
  { id: 'live-music', title: 'Go to live music in a style new to us', notes: 'Jazz, folk, a choir, an orchestra: sit close and let it be new.' },
  { id: 'bake-from-scratch', title: 'Bake something from scratch', notes: 'Bread, a pie, a cake from a family recipe: the mess is part of it.' },
  { id: 'bike-ride', title: 'Ride bikes along a route we do not know', notes: 'Hire them if we need to; stop wherever looks good.' },
  { id: 'learn-a-dance', title: 'Learn a short dance at home', notes: 'Follow a video together, laugh at the mistakes, and dance it once all the way through.' },
  { id: 'photo-walk', title: 'Go on a photo walk', notes: 'Each takes ten photos of things the other might not notice, then we swap and look.' },
  { id: 'board-game-cafe', title: 'Play a new board game', notes: 'At a board-game café or at home, with a game neither of us has played.' },
  { id: 'cook-childhood-meal', title: 'Cook a meal from each other’s childhood', notes: 'Each of us teaches the other a dish we grew up with.' },
  { id: 'hike-viewpoint', title: 'Hike to a viewpoint', notes: 'A trail with a view at the top, a snack to share there, and no hurry.' },
  { id: 'market-morning', title: 'Spend a morning at a market', notes: 'Each picks one thing to taste that we have never tried.' },
  { id: 'build-something', title: 'Make something together with our hands', notes: 'A bookshelf, a bird box, a jigsaw, a model: something that is finished at the end.' },
  { id: 'screen-free-evening', title: 'Have a screen-free evening', notes: 'Phones away in another room; candles, music, a game or a walk.' },
  { id: 'sunset-boat', title: 'Go out on the water', notes: 'A rowing boat, a ferry, a kayak: see the shore from the other side.' },
  { id: 'tasting-evening', title: 'Hold a tasting evening at home', notes: 'Teas, cheeses, chocolates or fruit we have never tried; each says which one surprised them.' },
  { id: 'write-letters-future', title: 'Write letters to open in a year', notes: 'Each writes about a good moment from this month; seal them and choose a date to read them together.' },
  { id: 'local-tourists', title: 'Be tourists in our own town', notes: 'Take the guided tour, climb the tower, eat where visitors eat.' },
  { id: 'camp-night', title: 'Spend a night camping', notes: 'A campsite, or the garden or living-room floor: a tent, a torch and stories.' },
  { id: 'gallery-drawing', title: 'Draw each other', notes: 'Ten minutes each, no skill needed; keep both drawings.' },
  { id: 'mystery-date', title: 'Plan a mystery outing for the other', notes: 'Take turns: one plans, the other only learns where on the day.' },
];

const byId = new Map(EXPERIENCE_SUGGESTIONS.map((suggestion) => [suggestion.id, suggestion]));

export function findSuggestion(id: string): ExperienceSuggestion | null {
  return byId.get(id) ?? null;
}
