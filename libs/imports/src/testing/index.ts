export * from '../sample/messy-sample';
