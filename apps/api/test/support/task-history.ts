/**
 * Task histories written straight to the store by the domain's own decide, for pictures of tens
 * of thousands of tasks that would take minutes through HTTP (the Government's 2017 figures).
 */
export { appendTaskStories, type TaskStory } from '@chidao/projections/testing';
